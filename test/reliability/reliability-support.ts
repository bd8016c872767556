import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { rebuildAndCompare, verifyLedger, type RebuildReport, type VerificationReport } from '@ledger/audit';
import type { RecordedEvent } from '@ledger/event-store';
import { LedgerRuntime } from '@ledger/platform';
import { newKey, type AuthHeaders, type TestPrincipals } from '@ledger/testing';
import { ledgerContexts } from '@ledger/contexts';

/**
 * Support for the reliability suites: a small programme set up through HTTP (co-financing funds
 * and a mutual guarantee company with two bank conventions), a mixed command load from many
 * concurrent clients, and the ledger's invariants checked twice — from the read models, and from a
 * replay of the log that trusts nothing but the events.
 */

export const mad = (major: number) => ({ amountMinor: (BigInt(major) * 100n).toString(), currency: 'MAD' });
export const xof = (amount: number) => ({ amountMinor: String(amount), currency: 'XOF' });

/** Listens on an ephemeral port: concurrent supertest clients need a server that is already up. */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface World {
  readonly funds: { fundId: string; windowId: string; donorId: string }[];
  readonly beneficiaries: string[];
  readonly companyId: string;
  readonly members: string[];
  readonly conventions: string[];
}

async function created(test: request.Test): Promise<Record<string, string>> {
  const response = await test;
  if (response.status >= 300) throw new Error(`set-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, string>;
}

/** Three MAD funds (declining promotion schedule, cap 200,000 MAD a year), six consortia, one XOF company, two conventions. */
export async function setUpWorld(
  base: string,
  principals: TestPrincipals,
  contributedMajor = 1_500_000,
): Promise<World> {
  const fm = (path: string, body: object) =>
    request(base).post(path).set(principals.fundManager).set(newKey()).send(body);
  const go = (path: string, body: object) =>
    request(base).post(path).set(principals.guaranteeOfficer).set(newKey()).send(body);
  const funds: World['funds'] = [];
  for (let i = 0; i < 3; i++) {
    const { fundId } = await created(
      fm('/cofinancing/funds', { name: `Fund ${i}`, currency: 'MAD', createdOn: '2021-01-01' }),
    );
    const { donorId } = await created(
      fm(`/cofinancing/funds/${fundId}/donors`, { name: `Donor ${i}`, registeredOn: '2021-01-01' }),
    );
    await created(
      fm(`/cofinancing/funds/${fundId}/contributions`, {
        donorId,
        amount: mad(contributedMajor),
        receivedOn: '2021-01-10',
        reference: `C-${i}`,
      }),
    );
    const { windowId } = await created(
      fm(`/cofinancing/funds/${fundId}/windows`, {
        name: 'Promotion',
        supportKind: 'consortium-promotion',
        openedOn: '2021-01-01',
        schedule: {
          effectiveFrom: '2021-01-01',
          years: [
            { rateBp: 7500, cap: mad(200_000) },
            { rateBp: 6000, cap: mad(200_000) },
          ],
          afterLastYear: { rule: 'ineligible' },
        },
      }),
    );
    funds.push({ fundId, windowId, donorId });
  }
  const beneficiaries: string[] = [];
  for (let i = 0; i < 6; i++) {
    const { beneficiaryId } = await created(
      fm('/cofinancing/beneficiaries', {
        name: `Consortium ${i}`,
        kind: 'export-consortium',
        enrolledOn: '2021-03-15',
        memberFirms: [{ name: `Firm ${i}a`, womenOwned: i % 2 === 0 }, { name: `Firm ${i}b` }],
      }),
    );
    beneficiaries.push(beneficiaryId);
  }
  const { companyId } = await created(
    go('/guarantee-companies', { name: 'SCM de Thiès', currency: 'XOF', registeredOn: '2008-01-15' }),
  );
  const members: string[] = [];
  for (let i = 0; i < 4; i++) {
    const { memberId } = await created(
      go(`/guarantee-companies/${companyId}/members`, { name: `Member ${i}`, admittedOn: '2008-02-01' }),
    );
    const member = `/guarantee-companies/${companyId}/members/${memberId}`;
    await created(go(`${member}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' }));
    await created(go(`${member}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' }));
    members.push(memberId);
  }
  await created(
    go(`/guarantee-companies/${companyId}/fund-deposits`, {
      bankId: 'CNCAS',
      amount: xof(340_000_000),
      termDepositReference: 'DAT-0',
      depositedOn: '2008-03-01',
    }),
  );
  const conventions: string[] = [];
  for (const bankId of ['CNCAS', 'CBAO']) {
    const { conventionId } = await created(
      go('/bank-conventions', {
        companyId,
        bankId,
        multiplier: '1000000000/340000000',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        validUntil: '2030-12-31',
        signedOn: '2008-03-20',
      }),
    );
    conventions.push(conventionId);
  }
  return { funds, beneficiaries, companyId, members, conventions };
}

export interface LoadResult {
  requests: number;
  readonly byStatus: Record<string, number>;
  /** Answers ≥ 500, with their bodies (none expected). */
  readonly serverErrors: { path: string; status: number; body: unknown }[];
  /** Commands acknowledged with a 2xx: path and the id the answer named. */
  readonly acknowledged: { path: string; key: string; body: Record<string, unknown> }[];
}

type Op = { path: string; body: object; headers: AuthHeaders; then?: (body: Record<string, string>) => void };

/**
 * `clients` concurrent clients (half fund managers, half guarantee officers) issue a random mix of
 * commands until `durationMs` has passed or `stop()` says so. Ids of what they create feed later
 * commands (approvals of requested grants, repayments of issued guarantees …).
 */
export async function mixedLoad(
  base: string,
  principals: TestPrincipals,
  world: World,
  options: { clients?: number; durationMs: number; seed?: number; stop?: () => boolean; onError?: 'ignore' },
): Promise<LoadResult> {
  let seed = options.seed ?? 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(list: readonly T[]): T | undefined =>
    list.length === 0 ? undefined : list[Math.floor(random() * list.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low));
  const requested: string[] = [];
  const approved: string[] = [];
  const issued: string[] = [];
  const called: string[] = [];
  const paid: string[] = [];
  const result: LoadResult = { requests: 0, byStatus: {}, serverErrors: [], acknowledged: [] };
  const deadline = Date.now() + options.durationMs;
  let n = 0;

  const fundManagerOp = (): Op => {
    const roll = random();
    const grantId = roll < 0.35 ? undefined : roll < 0.65 ? pick(requested) : pick(approved);
    if (roll < 0.35 || grantId === undefined) {
      const fund = pick(world.funds)!;
      return {
        path: '/cofinancing/grants',
        headers: principals.fundManager,
        body: {
          fundId: fund.fundId,
          windowId: fund.windowId,
          beneficiaryId: pick(world.beneficiaries),
          serviceProvider: 'Maroc Export',
          description: `load ${n}`,
          eligibleCost: mad(between(20_000, 200_000)),
          requestedOn: '2021-06-01',
        },
        then: (body) => requested.push(body.grantId),
      };
    }
    if (roll < 0.6)
      return {
        path: `/cofinancing/grants/${grantId}/approval`,
        headers: principals.fundManager,
        body: { approvedOn: '2021-06-10' },
        then: () => approved.push(grantId),
      };
    if (roll < 0.65)
      return {
        path: `/cofinancing/grants/${grantId}/rejection`,
        headers: principals.fundManager,
        body: { rejectedOn: '2021-06-10', reason: 'out of scope' },
      };
    if (roll < 0.93)
      return {
        path: `/cofinancing/grants/${grantId}/disbursements`,
        headers: principals.fundManager,
        body: {
          invoiceReference: `INV-${n}`,
          invoiceDate: '2021-07-01',
          invoiceAmount: mad(between(5_000, 80_000)),
          disbursedOn: '2021-07-15',
        },
      };
    return {
      path: `/cofinancing/grants/${grantId}/closure`,
      headers: principals.fundManager,
      body: { closedOn: '2021-12-31' },
    };
  };

  const officerOp = (): Op => {
    const roll = random();
    const headers = principals.guaranteeOfficer;
    const guaranteeId = pick(issued);
    if (roll < 0.45 || guaranteeId === undefined)
      return {
        path: `/bank-conventions/${pick(world.conventions)}/guarantees`,
        headers,
        body: {
          memberId: pick(world.members),
          loanReference: `L-${n}`,
          principal: xof(between(5_000_000, 90_000_000)),
          loanStartDate: '2021-05-01',
          maturityDate: '2023-05-01',
          issuedOn: '2021-05-01',
        },
        then: (body) => issued.push(body.guaranteeId),
      };
    if (roll < 0.75)
      return {
        path: `/guarantees/${guaranteeId}/repayments`,
        headers,
        body: { amount: xof(between(1_000_000, 20_000_000)), repaidOn: '2021-09-01' },
      };
    if (roll < 0.82)
      return {
        path: `/guarantees/${guaranteeId}/call`,
        headers,
        body: { calledOn: '2021-10-01' },
        then: () => called.push(guaranteeId),
      };
    const calledId = pick(called);
    if (roll < 0.9 && calledId)
      return {
        path: `/guarantees/${calledId}/claim-payments`,
        headers,
        body: { paidOn: '2021-11-01' },
        then: () => paid.push(calledId),
      };
    const paidId = pick(paid);
    if (roll < 0.96 && paidId)
      return {
        path: `/guarantees/${paidId}/recoveries`,
        headers,
        body: { amount: xof(between(100_000, 5_000_000)), receivedOn: '2022-01-01' },
      };
    return {
      path: `/guarantee-companies/${world.companyId}/fund-deposits`,
      headers,
      body: {
        bankId: 'CNCAS',
        amount: xof(between(1_000_000, 30_000_000)),
        termDepositReference: `DAT-${n}`,
        depositedOn: '2021-04-01',
      },
    };
  };

  const client = async (index: number) => {
    while (Date.now() < deadline && !(options.stop?.() ?? false)) {
      n += 1;
      const op = index % 2 === 0 ? fundManagerOp() : officerOp();
      const key = `load-${index}-${n}`;
      let status: number;
      let body: Record<string, string>;
      try {
        const response = await request(base)
          .post(op.path)
          .set(op.headers)
          .set('Idempotency-Key', key)
          .timeout({ response: 30_000 })
          .send(op.body);
        status = response.status;
        body = response.body as Record<string, string>;
      } catch (error) {
        if (options.onError !== 'ignore') throw error;
        status = 0;
        body = { error: (error as Error).message };
      }
      result.requests += 1;
      result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      if (status >= 500) result.serverErrors.push({ path: op.path, status, body });
      if (status >= 200 && status < 300) {
        result.acknowledged.push({ path: op.path, key, body });
        op.then?.(body);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients ?? 50 }, (_, index) => client(index)));
  return result;
}

// ---- invariants --------------------------------------------------------------------------------

async function* allEvents(runtime: LedgerRuntime): AsyncGenerator<RecordedEvent> {
  let after = 0n;
  for (;;) {
    const page = await runtime.store.readAll({ afterPosition: after, maxCount: 2000 });
    if (page.length === 0) return;
    for (const event of page) yield event;
    after = page[page.length - 1].position;
  }
}

const minor = (money: unknown) => BigInt((money as { amountMinor: string }).amountMinor);
const add = (map: Map<string, bigint>, key: string, value: bigint) => map.set(key, (map.get(key) ?? 0n) + value);

/** What the replay found: figures to compare with the read models, and every invariant broken on the way. */
export interface Replay {
  readonly events: number;
  readonly problems: string[];
  readonly funds: Map<string, { contributed: bigint; committed: bigint; disbursed: bigint }>;
  readonly companies: Map<string, bigint>;
  readonly conventions: Map<string, bigint>;
}

/**
 * Folds the whole log with nothing but the events and checks, at every event: a fund never
 * commits more than it holds, a grant never pays out more than its commitment, a beneficiary's
 * cap for (window, year) is never exceeded, a convention's outstanding never exceeds
 * floor(company fund × multiplier) when a guarantee is issued, the company fund never goes
 * negative; and that every multi-stream decision was written whole (an approval's grant, fund and
 * beneficiary events; an issuance's guarantee, convention and company events) in one append.
 */
export async function replayInvariants(runtime: LedgerRuntime): Promise<Replay> {
  const problems: string[] = [];
  const funds: Replay['funds'] = new Map();
  const fund = (id: string) => {
    let figures = funds.get(id);
    if (!figures) funds.set(id, (figures = { contributed: 0n, committed: 0n, disbursed: 0n }));
    return figures;
  };
  const grantCommitted = new Map<string, bigint>();
  const grantDisbursed = new Map<string, bigint>();
  const capUsed = new Map<string, bigint>();
  const companies = new Map<string, bigint>();
  const conventions = new Map<string, bigint>();
  const conventionTerms = new Map<string, { companyId: string; num: bigint; den: bigint; basis: string }>();
  /** Multi-stream decisions: the events each one must have, grouped by (decision, id) → record times. */
  const parts = new Map<string, { types: Set<string>; recordedAt: Set<number> }>();
  const part = (key: string, event: RecordedEvent) => {
    let entry = parts.get(key);
    if (!entry) parts.set(key, (entry = { types: new Set(), recordedAt: new Set() }));
    entry.types.add(event.type);
    entry.recordedAt.add(event.recordedAt.getTime());
  };
  let events = 0;
  for await (const event of allEvents(runtime)) {
    events += 1;
    const d = event.data as Record<string, unknown>;
    const at = `position ${event.position} (${event.type})`;
    switch (event.type) {
      case 'cofinancing.ContributionRecorded':
        fund(d.fundId as string).contributed += minor(d.amount);
        break;
      case 'cofinancing.FundsCommitted': {
        const f = fund(d.fundId as string);
        f.committed += minor(d.amount);
        if (f.committed > f.contributed)
          problems.push(`${at}: fund ${d.fundId} commits ${f.committed} > ${f.contributed}`);
        part(`approval:${d.grantId}`, event);
        break;
      }
      case 'cofinancing.CommitmentReleased':
        fund(d.fundId as string).committed -= minor(d.amount);
        part(`release:${d.grantId}`, event);
        break;
      case 'cofinancing.GrantApproved':
        grantCommitted.set(d.grantId as string, minor(d.subsidy));
        part(`approval:${d.grantId}`, event);
        break;
      case 'cofinancing.CapAllocated': {
        const key = `${d.beneficiaryId}/${d.windowId}/${d.participationYear}`;
        add(capUsed, key, minor(d.amount));
        if (capUsed.get(key)! > minor(d.cap))
          problems.push(`${at}: cap ${key} used ${capUsed.get(key)} > ${minor(d.cap)}`);
        part(`approval:${d.grantId}`, event);
        break;
      }
      case 'cofinancing.CapReleased':
        add(capUsed, `${d.beneficiaryId}/${d.windowId}/${d.participationYear}`, -minor(d.amount));
        part(`release:${d.grantId}`, event);
        break;
      case 'cofinancing.GrantDisbursed': {
        const grantId = d.grantId as string;
        add(grantDisbursed, grantId, minor(d.paid));
        fund(d.fundId as string).disbursed += minor(d.paid);
        if (grantDisbursed.get(grantId)! > (grantCommitted.get(grantId) ?? 0n))
          problems.push(
            `${at}: grant ${grantId} disbursed ${grantDisbursed.get(grantId)} > committed ${grantCommitted.get(grantId)}`,
          );
        break;
      }
      case 'cofinancing.GrantClosed':
      case 'cofinancing.GrantCancelled':
        if (minor(d.released) > 0n) part(`release:${d.grantId}`, event);
        break;
      case 'guarantees.GuaranteeFundDeposited':
        add(companies, d.companyId as string, minor(d.amount));
        break;
      case 'guarantees.GuaranteeFundWithdrawn':
      case 'guarantees.ClaimPaidFromFund':
        add(companies, d.companyId as string, -minor(d.amount));
        if (companies.get(d.companyId as string)! < 0n) problems.push(`${at}: company ${d.companyId} fund negative`);
        break;
      case 'guarantees.RecoveryReturnedToFund':
        add(companies, d.companyId as string, minor(d.amount));
        break;
      case 'guarantees.BankConventionSigned':
      case 'guarantees.BankConventionAmended': {
        const terms = d.terms as { multiplier: string; ceilingBasis: string };
        const [num, den] = terms.multiplier.split('/').map((x) => BigInt(x));
        const companyId = d.companyId as string;
        conventionTerms.set(d.conventionId as string, { companyId, num, den: den ?? 1n, basis: terms.ceilingBasis });
        break;
      }
      case 'guarantees.ConventionExposureAdded': {
        const conventionId = d.conventionId as string;
        const terms = conventionTerms.get(conventionId)!;
        add(conventions, conventionId, minor(terms.basis === 'loan-principal' ? d.principal : d.guaranteedAmount));
        const capacity = ((companies.get(terms.companyId) ?? 0n) * terms.num) / terms.den;
        if (conventions.get(conventionId)! > capacity)
          problems.push(
            `${at}: convention ${conventionId} outstanding ${conventions.get(conventionId)} > capacity ${capacity}`,
          );
        part(`issuance:${d.guaranteeId}`, event);
        break;
      }
      case 'guarantees.ConventionExposureReduced': {
        const terms = conventionTerms.get(d.conventionId as string)!;
        add(
          conventions,
          d.conventionId as string,
          -minor(terms.basis === 'loan-principal' ? d.principal : d.guaranteed),
        );
        break;
      }
      case 'guarantees.GuaranteeIssued':
      case 'guarantees.MemberLoanGuaranteed':
        part(`issuance:${d.guaranteeId}`, event);
        break;
    }
  }
  const whole: Record<string, string[]> = {
    approval: ['cofinancing.GrantApproved', 'cofinancing.FundsCommitted', 'cofinancing.CapAllocated'],
    release: ['cofinancing.CommitmentReleased', 'cofinancing.CapReleased'],
    issuance: ['guarantees.GuaranteeIssued', 'guarantees.ConventionExposureAdded', 'guarantees.MemberLoanGuaranteed'],
  };
  for (const [key, entry] of parts) {
    const expected = whole[key.split(':')[0]];
    const missing = expected.filter((type) => !entry.types.has(type));
    if (missing.length > 0) problems.push(`${key}: half written, missing ${missing.join(', ')}`);
    if (entry.recordedAt.size > 1) problems.push(`${key}: written by more than one append`);
  }
  for (const [grantId, disbursed] of grantDisbursed)
    if (disbursed > (grantCommitted.get(grantId) ?? 0n)) problems.push(`grant ${grantId} over its commitment`);
  return { events, problems, funds, companies, conventions };
}

/** The same invariants from the read models, and the read models against the replay's figures. */
export async function readModelInvariants(runtime: LedgerRuntime, replay: Replay): Promise<string[]> {
  const problems: string[] = [];
  const query = <T>(sql: string) => runtime.dataSource.query(sql) as Promise<T[]>;
  const funds = await query<{
    fund_id: string;
    contributed: string;
    committed: string;
    disbursed: string;
    paid: string;
    contributions: string;
  }>(`
    SELECT f.fund_id, f.contributed, f.committed, f.disbursed,
      (SELECT coalesce(sum(amount), 0) FROM cofinancing_contributions c WHERE c.fund_id = f.fund_id) AS contributions,
      (SELECT coalesce(sum(d.paid), 0) FROM cofinancing_disbursements d JOIN cofinancing_grants g USING (grant_id) WHERE g.fund_id = f.fund_id) AS paid
    FROM cofinancing_funds f`);
  for (const f of funds) {
    const contributed = BigInt(f.contributed);
    const committed = BigInt(f.committed);
    const disbursed = BigInt(f.disbursed);
    const available = contributed - committed;
    const undisbursed = committed - disbursed;
    if (available < 0n || undisbursed < 0n || contributed !== available + undisbursed + disbursed)
      problems.push(
        `fund ${f.fund_id}: contributed ${contributed}, committed ${committed}, disbursed ${disbursed} do not balance`,
      );
    if (contributed !== BigInt(f.contributions) || disbursed !== BigInt(f.paid))
      problems.push(`fund ${f.fund_id}: totals differ from its contributions / disbursements rows`);
    const replayed = replay.funds.get(f.fund_id);
    if (
      !replayed ||
      replayed.contributed !== contributed ||
      replayed.committed !== committed ||
      replayed.disbursed !== disbursed
    )
      problems.push(
        `fund ${f.fund_id}: read model ${contributed}/${committed}/${disbursed} ≠ replay ${JSON.stringify(replayed, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`,
      );
  }
  const [grants] = await query<{ over: string }>(
    `SELECT count(*) AS over FROM cofinancing_grants WHERE disbursed > subsidy OR disbursed + released > subsidy`,
  );
  if (grants.over !== '0') problems.push(`${grants.over} grants disbursed over their commitment`);
  const [caps] = await query<{ over: string }>(`
    SELECT count(*) AS over FROM cofinancing_beneficiary_years y
      JOIN cofinancing_window_schedules s ON s.window_id = y.window_id AND s.version = 1
     WHERE jsonb_array_length(s.years) >= y.participation_year
       AND y.subsidy - y.released > (s.years -> (y.participation_year - 1) -> 'cap' ->> 'amountMinor')::numeric`);
  if (caps.over !== '0') problems.push(`${caps.over} (beneficiary, window, year) over their cap`);
  const conventions = await query<{ convention_id: string; outstanding: string; computed: string }>(`
    SELECT c.convention_id, c.outstanding,
      (SELECT coalesce(sum(CASE WHEN c.ceiling_basis = 'loan-principal' THEN g.outstanding_principal ELSE g.guaranteed_outstanding END), 0)
         FROM guarantees g WHERE g.convention_id = c.convention_id AND g.status = 'active') AS computed
    FROM guarantee_conventions c`);
  for (const c of conventions) {
    if (BigInt(c.outstanding) !== BigInt(c.computed))
      problems.push(`convention ${c.convention_id}: outstanding ${c.outstanding} ≠ Σ live guarantees ${c.computed}`);
    if (BigInt(c.outstanding) !== (replay.conventions.get(c.convention_id) ?? 0n))
      problems.push(
        `convention ${c.convention_id}: outstanding ${c.outstanding} ≠ replay ${replay.conventions.get(c.convention_id)}`,
      );
  }
  const companies = await query<{ company_id: string; fund_balance: string; identity: string }>(`
    SELECT company_id, fund_balance, fund_deposited - fund_withdrawn - claims_paid + recoveries AS identity FROM guarantee_companies`);
  for (const c of companies) {
    if (BigInt(c.fund_balance) !== BigInt(c.identity) || BigInt(c.fund_balance) < 0n)
      problems.push(
        `company ${c.company_id}: fund ${c.fund_balance} ≠ deposits − withdrawals − claims + recoveries ${c.identity}`,
      );
    if (BigInt(c.fund_balance) !== (replay.companies.get(c.company_id) ?? 0n))
      problems.push(`company ${c.company_id}: fund ${c.fund_balance} ≠ replay ${replay.companies.get(c.company_id)}`);
  }
  return problems;
}

/** Every projection rebuilt from the log into a fresh schema and compared with the live one. */
export function rebuildCompare(runtime: LedgerRuntime): Promise<RebuildReport> {
  return rebuildAndCompare(runtime.dataSource, runtime.store, runtime.config.schema ?? 'public', {
    migrations: ledgerContexts.flatMap((context) => context.readModels.migrations as never[]),
    projections: ledgerContexts.flatMap((context) => context.readModels.projections),
  });
}

export function verify(runtime: LedgerRuntime): Promise<VerificationReport> {
  return verifyLedger(runtime.store, runtime.dataSource);
}

/** Brings every projection to the head (they run in the app: wait for them). */
export async function settle(runtime: LedgerRuntime): Promise<bigint> {
  const head = await runtime.store.headPosition();
  await runtime.waitForProjections(head, 60_000);
  return head;
}

/** A rebuild that differs, summarised for an assertion message. */
export function differences(report: RebuildReport): string[] {
  return report.projections
    .filter((p) => !p.identical)
    .map((p) => `${p.projection}: ${JSON.stringify(p.tables.filter((t) => t.onlyLive || t.onlyRebuilt).slice(0, 2))}`);
}
