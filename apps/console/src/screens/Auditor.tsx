import { useState } from 'react';
import { api, q, type ApiError } from '../api';
import { formatMoney, type MoneyJson } from '../money';
import { Card, CommandForm, Field, Loading, Problem, Stat, Tabs, today, useLoad } from '../ui';
import { Monitoring } from './Monitoring';

interface LedgerEvent {
  position: string;
  streamId: string;
  revision: string;
  type: string;
  businessTime: string;
  recordedAt: string;
  actor: string | null;
  role: string | null;
  data: Record<string, unknown>;
}
interface Page {
  items: LedgerEvent[];
  nextAfter?: string | null;
  hasMore?: boolean;
}

type Screen = 'timeline' | 'balances' | 'verify' | 'exports' | 'monitoring';

export function Auditor() {
  const [screen, setScreen] = useState<Screen>('timeline');
  return (
    <>
      <div className="toolbar">
        <Tabs
          tabs={[
            { id: 'timeline', label: 'Timeline' },
            { id: 'balances', label: 'Balances as of' },
            { id: 'verify', label: 'Verify' },
            { id: 'exports', label: 'Exports' },
            { id: 'monitoring', label: 'Monitoring' },
          ]}
          current={screen}
          onChange={setScreen}
        />
      </div>
      {screen === 'timeline' ? <Timeline /> : null}
      {screen === 'balances' ? <BalancesAsOf /> : null}
      {screen === 'verify' ? <Verify /> : null}
      {screen === 'exports' ? <Exports /> : null}
      {screen === 'monitoring' ? <Monitoring /> : null}
    </>
  );
}

function Timeline() {
  const [filter, setFilter] = useState({ streamId: '', type: '', streamPrefix: '' });
  const [draft, setDraft] = useState(filter);
  const [pages, setPages] = useState<LedgerEvent[][]>([]);
  const [after, setAfter] = useState<string | null>(null);
  const first = useLoad(async () => {
    const page = await fetchPage(filter, null);
    setPages([page.items]);
    setAfter(page.hasMore ? (page.nextAfter ?? null) : null);
    return page;
  }, [filter]);
  const events = pages.flat();

  return (
    <Card title="Timeline" wide>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...draft });
        }}
      >
        <Field
          label="Stream id"
          name="streamId"
          value={draft.streamId}
          onChange={(v) => setDraft((d) => ({ ...d, streamId: v }))}
          placeholder="all streams"
        />
        <Field
          label="Event type"
          name="type"
          value={draft.type}
          onChange={(v) => setDraft((d) => ({ ...d, type: v }))}
          placeholder="e.g. cofinancing.GrantApproved"
        />
        <Field
          label="Stream prefix"
          name="streamPrefix"
          value={draft.streamPrefix}
          onChange={(v) => setDraft((d) => ({ ...d, streamPrefix: v }))}
          placeholder="e.g. guarantees-"
        />
        <button type="submit">Filter</button>
      </form>
      <Problem error={first.error} />
      <Loading loading={first.loading} />
      <table className="timeline">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Business time</th>
            <th scope="col">Type</th>
            <th scope="col">Stream</th>
            <th scope="col">By</th>
            <th scope="col">Recorded</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={`${e.streamId}-${e.revision}`}>
              <td className="num">{e.position}</td>
              <td>{e.businessTime.slice(0, 10)}</td>
              <td>{e.type}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setDraft({ streamId: e.streamId, type: '', streamPrefix: '' });
                    setFilter({ streamId: e.streamId, type: '', streamPrefix: '' });
                  }}
                >
                  {e.streamId}
                </button>{' '}
                <small>rev {e.revision}</small>
              </td>
              <td>
                {e.actor ?? '—'} <small>{e.role}</small>
              </td>
              <td>{e.recordedAt}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {events.length} event{events.length === 1 ? '' : 's'} shown.{' '}
        {after ? (
          <button
            type="button"
            onClick={async () => {
              const page = await fetchPage(filter, after);
              setPages((p) => [...p, page.items]);
              setAfter(page.hasMore ? (page.nextAfter ?? null) : null);
            }}
          >
            Load more
          </button>
        ) : null}
      </p>
    </Card>
  );
}

async function fetchPage(
  filter: { streamId: string; type: string; streamPrefix: string },
  after: string | null,
): Promise<Page> {
  if (filter.streamId.trim()) {
    const page = await api.get<Page & { nextFromRevision?: string | null }>(
      `/audit/streams/${encodeURIComponent(filter.streamId.trim())}/events${q({ limit: 100, fromRevision: after })}`,
    );
    const items = filter.type ? page.items.filter((e) => e.type === filter.type) : page.items;
    const last = page.items.at(-1);
    return {
      items,
      hasMore: page.hasMore,
      nextAfter: page.hasMore && last ? String(BigInt(last.revision) + 1n) : null,
    };
  }
  return api.get<Page>(
    `/audit/events${q({ limit: 100, after, type: filter.type, streamPrefix: filter.streamPrefix })}`,
  );
}

interface AsOfStamp {
  asOf: string;
  throughPosition: string;
}
interface FundAsOf extends AsOfStamp {
  name: string;
  contributed: MoneyJson;
  committed: MoneyJson;
  disbursed: MoneyJson;
  available: MoneyJson;
  outstandingCommitments: MoneyJson;
  grantsApproved: number;
}
interface CompanyAsOf extends AsOfStamp {
  name: string;
  members: { active: number; total: number };
  fundBalance: MoneyJson;
  capacity: MoneyJson;
  outstandingPrincipal: MoneyJson;
  headroom: MoneyJson;
  guaranteesInForce: number;
  claimsPaid: MoneyJson;
  recoveries: MoneyJson;
}
interface ConventionAsOf extends AsOfStamp {
  bankId: string;
  status: string;
  termsVersion: number;
  multiplier: { ratio: string; decimal: string };
  fundBalance: MoneyJson;
  capacity: MoneyJson;
  outstanding: MoneyJson;
  headroom: MoneyJson;
  claimsPaid: MoneyJson;
}
interface GuaranteeAsOf extends AsOfStamp {
  loanReference: string;
  status: string;
  principal: MoneyJson;
  outstandingPrincipal: MoneyJson;
  guaranteedOutstanding: MoneyJson;
  claim: MoneyJson | null;
  claimPaid: MoneyJson;
  recovered: MoneyJson;
}
type AsOfResult =
  | { kind: 'fund'; view: FundAsOf }
  | { kind: 'company'; view: CompanyAsOf }
  | { kind: 'convention'; view: ConventionAsOf }
  | { kind: 'guarantee'; view: GuaranteeAsOf };
type AsOfKind = AsOfResult['kind'];

/** The entities whose balances an auditor can see as of a date, other than funds: by id. */
const BY_ID: Record<Exclude<AsOfKind, 'fund'>, { label: string; field: string; path: string }> = {
  company: { label: 'Company id', field: 'companyId', path: '/guarantee-companies' },
  convention: { label: 'Convention id', field: 'conventionId', path: '/bank-conventions' },
  guarantee: { label: 'Guarantee id', field: 'guaranteeId', path: '/guarantees' },
};

function BalancesAsOf() {
  const [kind, setKind] = useState<AsOfKind>('fund');
  const [result, setResult] = useState<AsOfResult | null>(null);
  return (
    <div className="grid">
      <Card title="Balances as of a date">
        <Field
          label="Balances of"
          name="asOfKind"
          value={kind}
          onChange={(v) => {
            setKind(v as AsOfKind);
            setResult(null);
          }}
          options={[
            { value: 'fund', label: 'A co-financing fund' },
            { value: 'company', label: 'A mutual guarantee company' },
            { value: 'convention', label: 'A bank convention' },
            { value: 'guarantee', label: 'A guarantee' },
          ]}
        />
        {kind === 'fund' ? (
          <FundAsOfForm onDone={(view) => setResult({ kind: 'fund', view })} />
        ) : (
          <CommandForm
            key={kind}
            submit="Show balances"
            fields={[
              { name: BY_ID[kind].field, label: BY_ID[kind].label },
              { name: 'asOf', label: 'As of', kind: 'date', initial: today() },
            ]}
            send={(v) =>
              api.get<unknown>(
                `${BY_ID[kind].path}/${encodeURIComponent(v[BY_ID[kind].field].trim())}${q({ asOf: v.asOf })}`,
              )
            }
            onDone={(view) => setResult({ kind, view } as AsOfResult)}
          />
        )}
      </Card>
      {result ? <AsOfCard result={result} /> : null}
    </div>
  );
}

function FundAsOfForm(props: { onDone: (view: FundAsOf) => void }) {
  const funds = useLoad(() => api.all<{ fundId: string; name: string; currency: string }>('/cofinancing/funds'), []);
  if (!funds.data) return funds.error ? <Problem error={funds.error} /> : <Loading loading />;
  return (
    <CommandForm
      submit="Show balances"
      fields={[
        {
          name: 'fundId',
          label: 'Fund',
          kind: 'select',
          options: funds.data.items.map((f) => ({ value: f.fundId, label: `${f.name} (${f.currency})` })),
        },
        { name: 'asOf', label: 'As of', kind: 'date', initial: today() },
      ]}
      send={(v) => api.get<FundAsOf>(`/cofinancing/funds/${v.fundId}${q({ asOf: v.asOf })}`)}
      onDone={(r) => props.onDone(r as FundAsOf)}
    />
  );
}

function AsOfCard({ result }: { result: AsOfResult }) {
  const title = (() => {
    switch (result.kind) {
      case 'fund':
      case 'company':
        return result.view.name;
      case 'convention':
        return `Convention with ${result.view.bankId}`;
      case 'guarantee':
        return `Guarantee on ${result.view.loanReference}`;
    }
  })();
  return (
    <Card title={`${title} as of ${result.view.asOf}`}>
      <dl className="stats" role="status">
        <AsOfStats result={result} />
      </dl>
      <p>
        <small>Through log position {result.view.throughPosition}.</small>
      </p>
    </Card>
  );
}

function AsOfStats({ result }: { result: AsOfResult }) {
  switch (result.kind) {
    case 'fund': {
      const f = result.view;
      return (
        <>
          <Stat label="Contributed" value={formatMoney(f.contributed)} />
          <Stat label="Committed" value={formatMoney(f.committed)} />
          <Stat label="Disbursed" value={formatMoney(f.disbursed)} />
          <Stat label="Available" value={formatMoney(f.available)} />
          <Stat label="Outstanding commitments" value={formatMoney(f.outstandingCommitments)} />
          <Stat label="Grants approved" value={f.grantsApproved} />
        </>
      );
    }
    case 'company': {
      const c = result.view;
      return (
        <>
          <Stat label="Fund balance" value={formatMoney(c.fundBalance)} />
          <Stat label="Capacity" value={formatMoney(c.capacity)} />
          <Stat label="Outstanding" value={formatMoney(c.outstandingPrincipal)} />
          <Stat label="Headroom" value={formatMoney(c.headroom)} tone={negative(c.headroom) ? 'bad' : undefined} />
          <Stat label="Claims paid" value={formatMoney(c.claimsPaid)} />
          <Stat label="Recoveries" value={formatMoney(c.recoveries)} />
          <Stat label="Guarantees in force" value={c.guaranteesInForce} />
          <Stat label="Members (active / total)" value={`${c.members.active} / ${c.members.total}`} />
        </>
      );
    }
    case 'convention': {
      const v = result.view;
      return (
        <>
          <Stat label="Status" value={v.status} />
          <Stat label="Fund balance" value={formatMoney(v.fundBalance)} />
          <Stat label="Multiplier" value={<span title={v.multiplier.ratio}>× {v.multiplier.decimal}</span>} />
          <Stat label="Capacity" value={formatMoney(v.capacity)} />
          <Stat label="Outstanding" value={formatMoney(v.outstanding)} />
          <Stat label="Headroom" value={formatMoney(v.headroom)} tone={negative(v.headroom) ? 'bad' : undefined} />
          <Stat label="Claims paid" value={formatMoney(v.claimsPaid)} />
          <Stat label="Terms version" value={v.termsVersion} />
        </>
      );
    }
    case 'guarantee': {
      const g = result.view;
      return (
        <>
          <Stat label="Status" value={g.status} />
          <Stat label="Principal" value={formatMoney(g.principal)} />
          <Stat label="Outstanding principal" value={formatMoney(g.outstandingPrincipal)} />
          <Stat label="Guaranteed outstanding" value={formatMoney(g.guaranteedOutstanding)} />
          <Stat label="Claim" value={g.claim ? formatMoney(g.claim) : '—'} />
          <Stat label="Claim paid" value={formatMoney(g.claimPaid)} />
          <Stat label="Recovered" value={formatMoney(g.recovered)} />
        </>
      );
    }
  }
}

const negative = (money: MoneyJson) => BigInt(money.amountMinor) < 0n;

interface Verification {
  ok: boolean;
  eventsChecked: number;
  headPosition: string;
  checkpointsVerified: number;
  trust: string;
  firstBroken: unknown;
}

function Verify() {
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card title="Verify the ledger" wide>
      <p>Recomputes every event's hash chain and checks the published checkpoints.</p>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setResult(await api.get<Verification>('/audit/verification'));
          } catch (e) {
            setError(e as ApiError);
          } finally {
            setBusy(false);
          }
        }}
      >
        Run verification
      </button>
      <Problem error={error} />
      {result ? (
        <div role="status" className={result.ok ? 'outcome' : 'problem'}>
          <p>
            <strong>
              {result.ok ? 'Verified: nothing was altered, removed or reordered.' : 'Verification FAILED.'}
            </strong>
          </p>
          <dl className="stats">
            <Stat label="Events checked" value={result.eventsChecked} />
            <Stat label="Head position" value={result.headPosition} />
            <Stat label="Checkpoints verified" value={result.checkpointsVerified} />
            <Stat label="Signatures" value={result.trust} />
          </dl>
          {result.firstBroken ? <pre>{JSON.stringify(result.firstBroken, null, 2)}</pre> : null}
        </div>
      ) : null}
    </Card>
  );
}

function Exports() {
  const [asOf, setAsOf] = useState(today());
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const download = (path: string, name: string) => async () => {
    setError(null);
    try {
      await api.download(path, name);
      setMessage(`Downloaded ${name}.`);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Card title="Exports" wide>
      <div className="buttons">
        <button type="button" onClick={download('/audit/exports/events.csv', 'events.csv')}>
          Download events (CSV)
        </button>
        <button type="button" onClick={download('/audit/exports/events.ndjson', 'events.ndjson')}>
          Download events (NDJSON)
        </button>
      </div>
      <div className="buttons">
        <Field label="Balances as of" name="exportAsOf" value={asOf} onChange={setAsOf} placeholder="YYYY-MM-DD" />
        <button type="button" onClick={download(`/audit/exports/balances.csv${q({ asOf })}`, `balances-${asOf}.csv`)}>
          Download balances (CSV)
        </button>
        <button type="button" onClick={download('/audit/monitoring?format=csv', 'monitoring.csv')}>
          Download monitoring report (CSV)
        </button>
      </div>
      {message ? (
        <p role="status" className="outcome">
          {message}
        </p>
      ) : null}
      <Problem error={error} />
    </Card>
  );
}
