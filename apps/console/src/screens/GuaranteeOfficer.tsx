import { useState } from 'react';
import { api, q } from '../api';
import { formatBp, formatMoney, type MoneyJson } from '../money';
import { Card, CommandForm, Field, Gauge, Loading, MoneyCell, Problem, Stat, Tabs, today, useLoad } from '../ui';

export interface Convention {
  conventionId: string;
  bankId: string;
  status: string;
  validFrom: string;
  validUntil: string;
  multiplier: { ratio: string; decimal: string };
  coverageRateBp?: number;
  fundBalance: MoneyJson;
  capacity: MoneyJson;
  outstanding: MoneyJson;
  headroom: MoneyJson;
}
interface Company {
  companyId: string;
  name: string;
  currency: string;
  members: { active: number; total: number };
  fundBalance: MoneyJson;
  capacity: MoneyJson;
  outstandingPrincipal: MoneyJson;
  guaranteedOutstanding: MoneyJson;
  headroom: MoneyJson;
  guaranteesInForce: number;
  calls: number;
  claimsCalled: MoneyJson;
  claimsPaid: MoneyJson;
  recoveries: MoneyJson;
  callRateBp: number | null;
  recoveryRateBp: number | null;
  creditMobilised: MoneyJson;
  conventions: Convention[];
}
interface Guarantee {
  guaranteeId: string;
  loanReference: string;
  memberId: string;
  status: string;
  principal: MoneyJson;
  outstandingPrincipal: MoneyJson;
  guaranteedOutstanding: MoneyJson;
  claim: MoneyJson | null;
  claimPaid: MoneyJson;
  recovered: MoneyJson;
}
interface Member {
  memberId: string;
  name: string;
  status: string;
}

const COMPANY_KEY = 'ledger-console-company';

/** A company as GET /guarantee-companies lists it (its live balances too, unused by the picker). */
interface CompanySummary {
  companyId: string;
  name: string;
  currency: string;
}
interface CompanyPage {
  items: CompanySummary[];
  total: number;
}
const COMPANIES_PER_PAGE = 50;

export function GuaranteeOfficer() {
  const [companyId, setCompanyId] = useState(() => localStorage.getItem(COMPANY_KEY) ?? '');
  const [draft, setDraft] = useState(companyId);
  const [screen, setScreen] = useState<'dashboard' | 'issue' | 'loans'>('dashboard');
  const [version, setVersion] = useState(0);
  const [companies, setCompanies] = useState<CompanySummary[]>([]);
  const [total, setTotal] = useState(0);
  const [moreError, setMoreError] = useState<Error | null>(null);
  const page = (offset: number) =>
    api.get<CompanyPage>(`/guarantee-companies${q({ limit: COMPANIES_PER_PAGE, offset })}`);
  const first = useLoad(async () => {
    const loaded = await page(0);
    setCompanies(loaded.items);
    setTotal(loaded.total);
    setDraft((d) => d || (loaded.items[0]?.companyId ?? ''));
    return loaded;
  }, []);
  const options = companies.map((c) => ({ value: c.companyId, label: `${c.name} (${c.currency})` }));
  // A company opened earlier but not on the pages loaded: still shown, by its id.
  if (draft && !companies.some((c) => c.companyId === draft)) options.unshift({ value: draft, label: draft });

  return (
    <>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          localStorage.setItem(COMPANY_KEY, draft.trim());
          setCompanyId(draft.trim());
        }}
      >
        {options.length ? (
          <>
            <Field label="Company" name="companyId" value={draft} onChange={setDraft} options={options} />
            <button type="submit">Open company</button>
          </>
        ) : null}
        {companies.length < total ? (
          <button
            type="button"
            onClick={async () => {
              setMoreError(null);
              try {
                const next = await page(companies.length);
                setCompanies((c) => [...c, ...next.items]);
                setTotal(next.total);
              } catch (error) {
                setMoreError(error as Error);
              }
            }}
          >
            More companies
          </button>
        ) : null}
        <Tabs
          tabs={[
            { id: 'dashboard', label: 'Dashboard' },
            { id: 'issue', label: 'Issue a guarantee' },
            { id: 'loans', label: 'Guarantees' },
          ]}
          current={screen}
          onChange={setScreen}
        />
      </form>
      <Problem error={first.error ?? moreError} />
      {companyId ? (
        <CompanyScreens
          key={`${companyId}-${version}`}
          companyId={companyId}
          screen={screen}
          onChange={() => setVersion((v) => v + 1)}
          onIssued={() => setScreen('loans')}
        />
      ) : first.loading ? (
        <Loading loading />
      ) : (
        <p>
          {options.length
            ? 'Choose a mutual guarantee company and open it.'
            : 'No mutual guarantee company is registered yet.'}
        </p>
      )}
    </>
  );
}

function CompanyScreens(props: { companyId: string; screen: string; onChange: () => void; onIssued: () => void }) {
  // Read again on every screen change, so the dashboard shows what was just recorded.
  const company = useLoad(
    () => api.get<Company>(`/guarantee-companies/${props.companyId}`),
    [props.companyId, props.screen],
  );
  const [outcome, setOutcome] = useState<string | null>(null);
  if (company.loading && !company.data) return <Loading loading />;
  if (company.error || !company.data) return <Problem error={company.error} />;
  const c = company.data;
  return (
    <>
      {outcome ? (
        <p role="status" className="outcome">
          {outcome}
        </p>
      ) : null}
      {props.screen === 'dashboard' ? <CompanyDashboard company={c} /> : null}
      {props.screen === 'issue' ? (
        <IssueGuarantee
          company={c}
          onDone={(message) => {
            setOutcome(message);
            props.onIssued();
          }}
        />
      ) : null}
      {props.screen === 'loans' ? <GuaranteeBook company={c} onOutcome={setOutcome} /> : null}
    </>
  );
}

function CompanyDashboard({ company: c }: { company: Company }) {
  const used = BigInt(c.outstandingPrincipal.amountMinor);
  return (
    <div className="grid">
      <Card title={`${c.name} — guarantee fund`}>
        <dl className="stats">
          <Stat label="Fund balance" value={formatMoney(c.fundBalance)} />
          <Stat label="Capacity" value={formatMoney(c.capacity)} />
          <Stat label="Outstanding" value={formatMoney(c.outstandingPrincipal)} />
          <Stat
            label="Headroom"
            value={formatMoney(c.headroom)}
            tone={BigInt(c.headroom.amountMinor) < 0n ? 'bad' : 'good'}
          />
          <Stat label="Members (active / total)" value={`${c.members.active} / ${c.members.total}`} />
          <Stat label="Guarantees in force" value={c.guaranteesInForce} />
        </dl>
      </Card>
      <Card title="Headroom">
        <Gauge
          label="Outstanding as a share of capacity"
          used={used}
          capacity={BigInt(c.capacity.amountMinor)}
          caption={
            <>
              Outstanding {formatMoney(c.outstandingPrincipal)} of capacity {formatMoney(c.capacity)}; headroom{' '}
              {formatMoney(c.headroom)}
            </>
          }
        />
      </Card>
      <Card title="Calls and recoveries">
        <dl className="stats">
          <Stat label="Calls" value={c.calls} />
          <Stat label="Claims called" value={formatMoney(c.claimsCalled)} />
          <Stat label="Claims paid" value={formatMoney(c.claimsPaid)} />
          <Stat label="Recoveries" value={formatMoney(c.recoveries)} />
          <Stat label="Call rate" value={formatBp(c.callRateBp)} />
          <Stat label="Recovery rate" value={formatBp(c.recoveryRateBp)} />
        </dl>
      </Card>
      <Card title="Bank conventions" wide>
        <ConventionTable conventions={c.conventions} />
      </Card>
    </div>
  );
}

export function ConventionTable({ conventions }: { conventions: readonly Convention[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Bank</th>
          <th scope="col">Status</th>
          <th scope="col">Valid</th>
          <th scope="col">Multiplier</th>
          <th scope="col">Capacity</th>
          <th scope="col">Outstanding</th>
          <th scope="col">Headroom</th>
        </tr>
      </thead>
      <tbody>
        {conventions.map((v) => (
          <tr key={v.conventionId}>
            <th scope="row">
              {v.bankId}
              <br />
              <small>{v.conventionId}</small>
            </th>
            <td>{v.status}</td>
            <td>
              {v.validFrom} → {v.validUntil}
            </td>
            <td className="num" title={v.multiplier.ratio}>
              × {v.multiplier.decimal}
            </td>
            <td>
              <MoneyCell money={v.capacity} />
            </td>
            <td>
              <MoneyCell money={v.outstanding} />
            </td>
            <td className={BigInt(v.headroom.amountMinor) < 0n ? 'bad' : undefined}>
              <MoneyCell money={v.headroom} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IssueGuarantee({ company, onDone }: { company: Company; onDone: (message: string) => void }) {
  const members = useLoad(
    async () => (await api.all<Member>(`/guarantee-companies/${company.companyId}/members`)).items,
    [company.companyId],
  );
  if (!members.data) return <Loading loading={members.loading} />;
  const conventions = company.conventions.filter((c) => c.status === 'in-force');
  return (
    <Card title="Issue a guarantee" wide>
      <CommandForm
        submit="Issue guarantee"
        fields={[
          {
            name: 'conventionId',
            label: 'Bank convention',
            kind: 'select',
            options: conventions.map((c) => ({
              value: c.conventionId,
              label: `${c.bankId} — headroom ${formatMoney(c.headroom)}`,
            })),
          },
          {
            name: 'memberId',
            label: 'Member',
            kind: 'select',
            options: members.data
              .filter((m) => m.status === 'active')
              .map((m) => ({ value: m.memberId, label: m.name })),
          },
          { name: 'loanReference', label: 'Loan reference' },
          { name: 'principal', label: 'Loan principal', kind: 'money', currency: company.currency },
          { name: 'loanStartDate', label: 'Loan start date', kind: 'date', initial: today() },
          { name: 'maturityDate', label: 'Maturity date', kind: 'date' },
          { name: 'issuedOn', label: 'Issued on', kind: 'date', initial: today() },
        ]}
        send={(v, money) =>
          api.post<{ guaranteedAmount: MoneyJson; headroom: MoneyJson }>(
            `/bank-conventions/${v.conventionId}/guarantees`,
            {
              memberId: v.memberId,
              loanReference: v.loanReference,
              principal: money.principal,
              loanStartDate: v.loanStartDate,
              maturityDate: v.maturityDate,
              issuedOn: v.issuedOn,
            },
          )
        }
        onDone={(result) => {
          const r = result as { guaranteedAmount: MoneyJson; headroom: MoneyJson };
          onDone(
            `Guarantee issued: ${formatMoney(r.guaranteedAmount)} guaranteed; headroom now ${formatMoney(r.headroom)}.`,
          );
        }}
      />
    </Card>
  );
}

type Action = 'repayment' | 'default' | 'claim' | 'recovery';

function GuaranteeBook({ company, onOutcome }: { company: Company; onOutcome: (m: string) => void }) {
  const [version, setVersion] = useState(0);
  const book = useLoad(
    async () =>
      (
        await Promise.all(
          company.conventions.map(
            async (c) => (await api.all<Guarantee>(`/bank-conventions/${c.conventionId}/guarantees`)).items,
          ),
        )
      ).flat(),
    [company.companyId, version],
  );
  const [selected, setSelected] = useState<{ id: string; action: Action } | null>(null);
  const guarantee = book.data?.find((g) => g.guaranteeId === selected?.id);
  const done = (message: string) => {
    onOutcome(message);
    setSelected(null);
    setVersion((v) => v + 1);
  };
  const actions: { action: Action; label: string; allowed: (g: Guarantee) => boolean }[] = [
    { action: 'repayment', label: 'Repayment', allowed: (g) => g.status === 'active' },
    { action: 'default', label: 'Default', allowed: (g) => g.status === 'active' },
    { action: 'claim', label: 'Claim payment', allowed: (g) => g.status === 'called' },
    { action: 'recovery', label: 'Recovery', allowed: (g) => g.status === 'called' },
  ];

  return (
    <div className="grid">
      <Card title="Guarantees" wide>
        <Problem error={book.error} />
        <table>
          <thead>
            <tr>
              <th scope="col">Loan</th>
              <th scope="col">Status</th>
              <th scope="col">Principal</th>
              <th scope="col">Outstanding</th>
              <th scope="col">Guaranteed outstanding</th>
              <th scope="col">Claim paid</th>
              <th scope="col">Recovered</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {(book.data ?? []).map((g) => (
              <tr key={g.guaranteeId}>
                <th scope="row">{g.loanReference}</th>
                <td>{g.status}</td>
                <td>
                  <MoneyCell money={g.principal} />
                </td>
                <td>
                  <MoneyCell money={g.outstandingPrincipal} />
                </td>
                <td>
                  <MoneyCell money={g.guaranteedOutstanding} />
                </td>
                <td>
                  <MoneyCell money={g.claimPaid} />
                </td>
                <td>
                  <MoneyCell money={g.recovered} />
                </td>
                <td className="row-actions">
                  {actions
                    .filter((a) => a.allowed(g))
                    .map((a) => (
                      <button
                        key={a.action}
                        type="button"
                        aria-label={`${a.label} on ${g.loanReference}`}
                        onClick={() => setSelected({ id: g.guaranteeId, action: a.action })}
                      >
                        {a.label}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {guarantee && selected ? (
        <Card title={`${actions.find((a) => a.action === selected.action)?.label}: ${guarantee.loanReference}`} wide>
          <GuaranteeAction
            key={`${guarantee.guaranteeId}-${selected.action}`}
            guarantee={guarantee}
            action={selected.action}
            currency={company.currency}
            onDone={done}
          />
        </Card>
      ) : null}
    </div>
  );
}

function GuaranteeAction(props: {
  guarantee: Guarantee;
  action: Action;
  currency: string;
  onDone: (m: string) => void;
}) {
  const { guarantee: g, currency } = props;
  const base = `/guarantees/${g.guaranteeId}`;
  switch (props.action) {
    case 'repayment':
      return (
        <CommandForm
          autoFocus
          submit="Record repayment"
          fields={[
            { name: 'amount', label: 'Amount repaid', kind: 'money', currency },
            { name: 'repaidOn', label: 'Repaid on', kind: 'date', initial: today() },
          ]}
          send={(v, m) =>
            api.post<{ outstandingPrincipal: MoneyJson }>(`${base}/repayments`, {
              amount: m.amount,
              repaidOn: v.repaidOn,
            })
          }
          onDone={(r) =>
            props.onDone(
              `Repayment recorded on ${g.loanReference}: outstanding ${formatMoney((r as { outstandingPrincipal: MoneyJson }).outstandingPrincipal)}.`,
            )
          }
        />
      );
    case 'default':
      return (
        <CommandForm
          autoFocus
          submit="Record default"
          fields={[{ name: 'calledOn', label: 'Called on', kind: 'date', initial: today() }]}
          send={(v) => api.post<{ claim: MoneyJson }>(`${base}/call`, { calledOn: v.calledOn })}
          onDone={(r) =>
            props.onDone(
              `Guarantee on ${g.loanReference} called: claim ${formatMoney((r as { claim: MoneyJson }).claim)}.`,
            )
          }
        />
      );
    case 'claim':
      return (
        <CommandForm
          autoFocus
          submit="Record claim payment"
          fields={[{ name: 'paidOn', label: 'Paid on', kind: 'date', initial: today() }]}
          send={(v) => api.post<{ claimPaid: MoneyJson }>(`${base}/claim-payments`, { paidOn: v.paidOn })}
          onDone={(r) =>
            props.onDone(`Claim paid on ${g.loanReference}: ${formatMoney((r as { claimPaid: MoneyJson }).claimPaid)}.`)
          }
        />
      );
    case 'recovery':
      return (
        <CommandForm
          autoFocus
          submit="Record recovery"
          fields={[
            { name: 'amount', label: 'Amount recovered', kind: 'money', currency },
            { name: 'receivedOn', label: 'Received on', kind: 'date', initial: today() },
          ]}
          send={(v, m) =>
            api.post<{ recovered: MoneyJson }>(`${base}/recoveries`, { amount: m.amount, receivedOn: v.receivedOn })
          }
          onDone={(r) =>
            props.onDone(
              `Recovery recorded on ${g.loanReference}: ${formatMoney((r as { recovered: MoneyJson }).recovered)} in all.`,
            )
          }
        />
      );
  }
}
