import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { api, q } from '../api';
import { chartValue, formatBp, formatMoney, type MoneyJson } from '../money';
import { Card, ChartCanvas, CommandForm, Field, Loading, MoneyCell, Problem, Stat, Tabs, today, useLoad } from '../ui';
import { CorrectionCard } from './Correction';
import { ApprovalPolicyCard, isPendingAnswer, PendingNotice, ProposalsCard, type PendingAnswer } from './FourEyes';

interface Fund {
  fundId: string;
  name: string;
  currency: string;
  createdOn: string;
  contributed: MoneyJson;
  committed: MoneyJson;
  disbursed: MoneyJson;
  available: MoneyJson;
  outstandingCommitments: MoneyJson;
  grantsApproved: number;
}
interface Window {
  windowId: string;
  name: string;
  supportKind: string;
  committed: MoneyJson;
  disbursed: MoneyJson;
  releasedAtClosure: MoneyJson;
  grantsApproved: number;
}
interface Donor {
  donorId: string;
  name: string;
  contributed: MoneyJson;
  contributions: { receivedOn: string }[];
}
interface Grant {
  grantId: string;
  windowId: string;
  beneficiaryId: string;
  status: string;
  participationYear: number;
  serviceProvider: string;
  description: string;
  eligibleCost: MoneyJson;
  requestedOn: string;
  subsidy: MoneyJson | null;
  disbursed: MoneyJson;
  commitmentLeft: MoneyJson | null;
  rateBp: number | null;
  approvedOn: string | null;
}
interface Preview {
  participationYear: number;
  rateBp: number | null;
  rateSubsidy: MoneyJson | null;
  cap: MoneyJson | null;
  capUsed: MoneyJson | null;
  capLeft: MoneyJson | null;
  subsidy: MoneyJson | null;
  ownShare: MoneyJson | null;
  limitedBy: string | null;
  fundAvailable: MoneyJson | null;
  approvable: boolean;
  refusal: { error: string; message: string } | null;
}
interface History {
  points: { asOf: string; contributed: MoneyJson; committed: MoneyJson; disbursed: MoneyJson; available: MoneyJson }[];
}

type Screen = 'dashboard' | 'queue' | 'grants' | 'four-eyes';

/** A command only proposed (202): the notice shown in place of its result. */
interface Proposed {
  answer: PendingAnswer;
  what: string;
}

export function FundManager() {
  const funds = useLoad(() => api.all<Fund>('/cofinancing/funds'), []);
  const [fundId, setFundId] = useState<string>('');
  const [screen, setScreen] = useState<Screen>('dashboard');
  const [version, setVersion] = useState(0);
  const items = funds.data?.items ?? [];
  const current = items.find((f) => f.fundId === fundId) ?? items[0];

  if (funds.loading && !funds.data) return <Loading loading />;
  if (funds.error) return <Problem error={funds.error} />;
  if (!current) return <p>No fund yet.</p>;
  const changed = () => {
    setVersion((v) => v + 1);
    funds.reload();
  };

  return (
    <>
      <div className="toolbar">
        <Field
          label="Fund"
          name="fund"
          value={current.fundId}
          onChange={setFundId}
          options={items.map((f) => ({ value: f.fundId, label: `${f.name} (${f.currency})` }))}
        />
        <Tabs
          tabs={[
            { id: 'dashboard', label: 'Dashboard' },
            { id: 'queue', label: 'Grant requests' },
            { id: 'grants', label: 'Approved grants' },
            { id: 'four-eyes', label: 'Four-eyes proposals' },
          ]}
          current={screen}
          onChange={setScreen}
        />
      </div>
      {screen === 'dashboard' ? <FundDashboard fund={current} version={version} /> : null}
      {screen === 'queue' ? <GrantQueue fund={current} onChange={changed} version={version} /> : null}
      {screen === 'grants' ? <ApprovedGrants fund={current} onChange={changed} version={version} /> : null}
      {screen === 'four-eyes' ? <FourEyes fund={current} onChange={changed} version={version} /> : null}
    </>
  );
}

function FundDashboard({ fund, version }: { fund: Fund; version: number }) {
  const windows = useLoad(() => api.all<Window>(`/cofinancing/funds/${fund.fundId}/windows`), [fund.fundId, version]);
  const donors = useLoad(() => api.all<Donor>(`/cofinancing/funds/${fund.fundId}/donors`), [fund.fundId, version]);
  const history = useLoad(
    () => api.get<History>(`/cofinancing/funds/${fund.fundId}/balance-history${q({ to: today() })}`),
    [fund.fundId, version],
  );
  const config = useMemo<ChartConfiguration | null>(() => {
    if (!history.data) return null;
    const points = history.data.points;
    const series = (key: 'contributed' | 'committed' | 'disbursed' | 'available', color: string) => ({
      label: key,
      data: points.map((p) => chartValue(p[key])),
      borderColor: color,
      backgroundColor: color,
      pointRadius: 0,
      borderWidth: 2,
      stepped: true as const,
    });
    return {
      type: 'line',
      data: {
        labels: points.map((p) => p.asOf),
        datasets: [
          series('contributed', '#1f5f99'),
          series('committed', '#c77c02'),
          series('disbursed', '#2f8f46'),
          series('available', '#7a3e9d'),
        ],
      },
      options: {
        scales: { y: { ticks: { callback: (v) => `${Number(v).toLocaleString('en-US')}` } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }, [history.data]);

  return (
    <div className="grid">
      <Card title={`${fund.name} — balances`} wide>
        <dl className="stats">
          <Stat label="Contributed" value={formatMoney(fund.contributed)} />
          <Stat label="Committed" value={formatMoney(fund.committed)} />
          <Stat label="Disbursed" value={formatMoney(fund.disbursed)} />
          <Stat label="Available" value={formatMoney(fund.available)} />
          <Stat label="Outstanding commitments" value={formatMoney(fund.outstandingCommitments)} />
          <Stat label="Grants approved" value={fund.grantsApproved} />
        </dl>
      </Card>
      <Card title="Balances over time (month ends)" wide>
        <Problem error={history.error} />
        {config ? (
          <ChartCanvas
            config={config}
            label={`Contributed, committed, disbursed and available of ${fund.name} by month`}
          />
        ) : (
          <Loading loading={history.loading} />
        )}
      </Card>
      <Card title="By window">
        <Problem error={windows.error} />
        <table>
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col">Committed</th>
              <th scope="col">Disbursed</th>
              <th scope="col">Grants</th>
            </tr>
          </thead>
          <tbody>
            {(windows.data?.items ?? []).map((w) => (
              <tr key={w.windowId}>
                <th scope="row">{w.name}</th>
                <td>
                  <MoneyCell money={w.committed} />
                </td>
                <td>
                  <MoneyCell money={w.disbursed} />
                </td>
                <td className="num">{w.grantsApproved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="By donor">
        <Problem error={donors.error} />
        <table>
          <thead>
            <tr>
              <th scope="col">Donor</th>
              <th scope="col">Contributed</th>
              <th scope="col">Last received</th>
            </tr>
          </thead>
          <tbody>
            {(donors.data?.items ?? []).map((d) => (
              <tr key={d.donorId}>
                <th scope="row">{d.name}</th>
                <td>
                  <MoneyCell money={d.contributed} />
                </td>
                <td>
                  {d.contributions
                    .map((c) => c.receivedOn)
                    .sort()
                    .at(-1) ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function useWindowNames(fundId: string) {
  const windows = useLoad(() => api.all<Window>(`/cofinancing/funds/${fundId}/windows`), [fundId]);
  return (id: string) => windows.data?.items.find((w) => w.windowId === id)?.name ?? id;
}

function GrantQueue({ fund, onChange, version }: { fund: Fund; onChange: () => void; version: number }) {
  const grants = useLoad(
    () => api.all<Grant>(`/cofinancing/grants${q({ fundId: fund.fundId, status: 'requested' })}`),
    [fund.fundId, version],
  );
  const windowName = useWindowNames(fund.fundId);
  const [selected, setSelected] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [proposed, setProposed] = useState<Proposed | null>(null);
  const grant = grants.data?.items.find((g) => g.grantId === selected);

  return (
    <div className="grid">
      <Card title="Requests awaiting a decision" wide>
        <Problem error={grants.error} />
        {outcome ? (
          <p role="status" className="outcome">
            {outcome}
          </p>
        ) : null}
        {proposed ? <PendingNotice answer={proposed.answer} what={proposed.what} /> : null}
        {grants.data && grants.data.items.length === 0 ? <p>No request is waiting.</p> : null}
        {grants.data && grants.data.items.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Request</th>
                <th scope="col">Window</th>
                <th scope="col">Year</th>
                <th scope="col">Eligible cost</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {grants.data.items.map((g) => (
                <tr key={g.grantId} aria-selected={g.grantId === selected}>
                  <td>{g.requestedOn}</td>
                  <td>
                    {g.description}
                    <br />
                    <small>{g.serviceProvider}</small>
                  </td>
                  <td>{windowName(g.windowId)}</td>
                  <td className="num">{g.participationYear}</td>
                  <td>
                    <MoneyCell money={g.eligibleCost} />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => {
                        setSelected(g.grantId);
                        setOutcome(null);
                        setProposed(null);
                      }}
                    >
                      Review {g.description}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
      {grant ? (
        <GrantReview
          key={grant.grantId}
          grant={grant}
          onDecided={(message) => {
            setSelected(null);
            if (typeof message === 'string') setOutcome(message);
            else setProposed(message);
            onChange();
          }}
        />
      ) : null}
    </div>
  );
}

function GrantReview({ grant, onDecided }: { grant: Grant; onDecided: (message: string | Proposed) => void }) {
  const preview = useLoad(
    () => api.get<Preview>(`/cofinancing/grants/${grant.grantId}/subsidy-preview`),
    [grant.grantId],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  useEffect(() => heading.current?.focus(), []);
  const p = preview.data;

  return (
    <section className="card wide review" aria-labelledby="review-heading">
      <h2 id="review-heading" tabIndex={-1} ref={heading}>
        Review: {grant.description}
      </h2>
      <Problem error={preview.error} />
      {p ? (
        <dl className="stats">
          <Stat label="Eligible cost" value={formatMoney(grant.eligibleCost)} />
          <Stat label={`Rate, participation year ${p.participationYear}`} value={formatBp(p.rateBp)} />
          <Stat label="Subsidy the schedule would give" value={formatMoney(p.subsidy ?? p.rateSubsidy)} />
          <Stat label="Cap left" value={formatMoney(p.capLeft)} />
          <Stat label="Cap" value={formatMoney(p.cap)} />
          <Stat label="Beneficiary's own share" value={formatMoney(p.ownShare)} />
          <Stat label="Fund available" value={formatMoney(p.fundAvailable)} />
          <Stat label="Limited by" value={p.limitedBy ?? '—'} />
        </dl>
      ) : (
        <Loading loading={preview.loading} />
      )}
      {p && !p.approvable && p.refusal ? (
        <p className="problem" role="alert">
          Approval would be refused: {p.refusal.message}
        </p>
      ) : null}
      <fieldset className="decision">
        <legend>Decision</legend>
        <label>
          <input
            type="radio"
            name="decision"
            checked={decision === 'approve'}
            onChange={() => setDecision('approve')}
          />
          Approve
        </label>
        <label>
          <input type="radio" name="decision" checked={decision === 'reject'} onChange={() => setDecision('reject')} />
          Reject
        </label>
      </fieldset>
      {decision === 'approve' ? (
        <CommandForm
          key="approve"
          title="Approve the request"
          submit="Approve"
          fields={[{ name: 'approvedOn', label: 'Approved on', kind: 'date', initial: today() }]}
          send={(v) =>
            api.post<{ subsidy: MoneyJson }>(`/cofinancing/grants/${grant.grantId}/approval`, {
              approvedOn: v.approvedOn,
            })
          }
          onDone={(result) =>
            onDecided(
              isPendingAnswer(result)
                ? { answer: result, what: `the approval of “${grant.description}”` }
                : `Approved “${grant.description}”: subsidy ${formatMoney((result as { subsidy: MoneyJson }).subsidy)}.`,
            )
          }
        />
      ) : (
        <CommandForm
          key="reject"
          title="Reject the request"
          submit="Reject"
          fields={[
            { name: 'reason', label: 'Reason' },
            { name: 'rejectedOn', label: 'Rejected on', kind: 'date', initial: today() },
          ]}
          send={(v) =>
            api.post(`/cofinancing/grants/${grant.grantId}/rejection`, { rejectedOn: v.rejectedOn, reason: v.reason })
          }
          onDone={() => onDecided(`Rejected “${grant.description}”.`)}
        />
      )}
    </section>
  );
}

function ApprovedGrants({ fund, onChange, version }: { fund: Fund; onChange: () => void; version: number }) {
  const grants = useLoad(
    () => api.all<Grant>(`/cofinancing/grants${q({ fundId: fund.fundId, status: 'approved' })}`),
    [fund.fundId, version],
  );
  const [selected, setSelected] = useState<{ id: string; action: 'disburse' | 'close' | 'correct' } | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [proposed, setProposed] = useState<Proposed | null>(null);
  const grant = grants.data?.items.find((g) => g.grantId === selected?.id);
  const select = (id: string, action: 'disburse' | 'close' | 'correct') => {
    setSelected({ id, action });
    setOutcome(null);
    setProposed(null);
  };

  return (
    <div className="grid">
      <Card title="Approved grants" wide>
        <Problem error={grants.error} />
        {outcome ? (
          <p role="status" className="outcome">
            {outcome}
          </p>
        ) : null}
        {proposed ? <PendingNotice answer={proposed.answer} what={proposed.what} /> : null}
        <table>
          <thead>
            <tr>
              <th scope="col">Approved</th>
              <th scope="col">Grant</th>
              <th scope="col">Rate</th>
              <th scope="col">Subsidy</th>
              <th scope="col">Disbursed</th>
              <th scope="col">Commitment left</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(grants.data?.items ?? []).map((g) => (
              <tr key={g.grantId}>
                <td>{g.approvedOn}</td>
                <td>{g.description}</td>
                <td className="num">{formatBp(g.rateBp)}</td>
                <td>
                  <MoneyCell money={g.subsidy} />
                </td>
                <td>
                  <MoneyCell money={g.disbursed} />
                </td>
                <td>
                  <MoneyCell money={g.commitmentLeft} />
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => select(g.grantId, 'disburse')}>
                    Record disbursement for {g.description}
                  </button>
                  <button type="button" onClick={() => select(g.grantId, 'correct')}>
                    Correct a disbursement of {g.description}
                  </button>
                  <button type="button" onClick={() => select(g.grantId, 'close')}>
                    Close {g.description}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {grant && selected?.action === 'disburse' ? (
        <Card title={`Record a disbursement: ${grant.description}`} wide>
          <CommandForm
            key={grant.grantId}
            autoFocus
            submit="Record disbursement"
            fields={[
              { name: 'invoiceReference', label: 'Invoice reference' },
              { name: 'invoiceDate', label: 'Invoice date', kind: 'date', initial: today() },
              { name: 'invoiceAmount', label: 'Invoice amount', kind: 'money', currency: fund.currency },
              { name: 'disbursedOn', label: 'Disbursed on', kind: 'date', initial: today() },
            ]}
            send={(v, money) =>
              api.post<{ paid: MoneyJson; commitmentLeft: MoneyJson }>(
                `/cofinancing/grants/${grant.grantId}/disbursements`,
                {
                  invoiceReference: v.invoiceReference,
                  invoiceDate: v.invoiceDate,
                  invoiceAmount: money.invoiceAmount,
                  disbursedOn: v.disbursedOn,
                },
              )
            }
            onDone={(result) => {
              if (isPendingAnswer(result)) {
                setProposed({ answer: result, what: `a disbursement on “${grant.description}”` });
              } else {
                const r = result as { paid: MoneyJson; commitmentLeft: MoneyJson };
                setOutcome(
                  `Paid ${formatMoney(r.paid)} on “${grant.description}”; commitment left ${formatMoney(r.commitmentLeft)}.`,
                );
              }
              setSelected(null);
              onChange();
            }}
          />
        </Card>
      ) : null}
      {grant && selected?.action === 'correct' ? (
        <CorrectionCard
          key={grant.grantId}
          grantId={grant.grantId}
          description={grant.description}
          currency={fund.currency}
          onDone={onChange}
        />
      ) : null}
      {grant && selected?.action === 'close' ? (
        <Card title={`Close: ${grant.description}`} wide>
          <CommandForm
            key={grant.grantId}
            autoFocus
            submit="Close grant"
            fields={[{ name: 'closedOn', label: 'Closed on', kind: 'date', initial: today() }]}
            send={(v) => api.post(`/cofinancing/grants/${grant.grantId}/closure`, { closedOn: v.closedOn })}
            onDone={() => {
              setOutcome(`Closed “${grant.description}”; the unused commitment returned to the fund.`);
              setSelected(null);
              onChange();
            }}
          />
        </Card>
      ) : null}
    </div>
  );
}

function FourEyes({ fund, onChange, version }: { fund: Fund; onChange: () => void; version: number }) {
  const grants = useLoad(
    () => api.all<Grant>(`/cofinancing/grants${q({ fundId: fund.fundId })}`),
    [fund.fundId, version],
  );
  const grantName = (id: string) => grants.data?.items.find((g) => g.grantId === id)?.description ?? id;
  return (
    <div className="grid">
      <ProposalsCard fund={fund} version={version} grantName={grantName} onChange={onChange} />
      <ApprovalPolicyCard fund={fund} />
    </div>
  );
}
