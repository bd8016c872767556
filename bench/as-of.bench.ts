/**
 * bench:as-of — balances as of a past date, as known at a past record time, at 10^6 events.
 *
 * Generates N events (default 1,000,000) through the real event store (appendToStreams, pages of
 * ~2,000 events) with the contexts' real event definitions: one busy co-financing fund (grants
 * requested, approved, invoiced twice, closed; contributions) and one busy mutual guarantee company
 * (guarantees issued under one convention, repaid in three instalments; deposits; a few calls,
 * claim payments and recoveries), business dates spread over ten years with 1 % backdated entries.
 * Catches every projection up, then times as-of queries (p50/p99 over 200 requests each) for the
 * busy fund, company and convention, and one full-scan sum for comparison.
 *
 * Usage: npm run bench:as-of [-- --events N] [-- --embedded]
 * Runs on the PostgreSQL server (BENCH_DATABASE_URL, in a schema of its own, dropped afterwards),
 * or on an embedded PGlite in a temporary folder with --embedded or when the server is unreachable.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import * as co from '@ledger/cofinancing';
import { CofinancingBalancesAsOf, cofinancingBalances, cofinancingReadModels } from '@ledger/cofinancing';
import type { NewEvent, StreamAppend } from '@ledger/event-store';
import * as gu from '@ledger/guarantees';
import { GuaranteeBalancesAsOf, guaranteesReadModels } from '@ledger/guarantees';
import { BasisPoints, Money, Ratio } from '@ledger/money';
import { LedgerRuntime, loadLedgerConfig } from '@ledger/platform';
import { benchDatabaseUrl, report, round, serverReachable } from './bench-support';

const arg = (name: string) => process.argv.indexOf(`--${name}`);
const EVENTS = arg('events') > 0 ? Number(process.argv[arg('events') + 1]) : 1_000_000;
const REQUESTS = 200;
const PAGE = 2_000;
const START_DAY = Date.UTC(2015, 0, 1);
const SPAN_DAYS = 3_650;

type Item = { stream: string; event: { type: string; schemaVersion: number; data: NewEvent['data'] }; date: string };

const metadata = {
  actor: 'bench',
  role: 'manager',
  correlationId: randomUUID(),
  causationId: null,
  idempotencyKey: null,
};
const day = (offset: number) => new Date(START_DAY + Math.max(0, offset) * 86_400_000).toISOString().slice(0, 10);
const mad = (major: number) => Money.ofMinor(BigInt(major) * 100n, 'MAD');
const xof = (amount: number) => Money.ofMinor(BigInt(amount), 'XOF');

/** The set-up events, then an endless mix: about half co-financing, half guarantees. */
function* history(total: number): Generator<Item[]> {
  const fundId = 'busy-fund';
  const windowId = 'busy-window';
  const donorId = 'busy-donor';
  const companyId = 'busy-company';
  const conventionId = 'busy-convention';
  const fund = co.fundStreamId(fundId);
  const cof = (stream: string, event: co.CofinancingEvent, date: string): Item => ({
    stream,
    event: co.cofinancingCatalog.encode(event),
    date,
  });
  const gua = (stream: string, event: gu.GuaranteesEvent, date: string): Item => ({
    stream,
    event: gu.guaranteesCatalog.encode(event),
    date,
  });
  const d0 = day(0);
  yield [
    cof(fund, co.FundCreated.create({ fundId, name: 'Busy fund', currency: 'MAD', createdOn: d0 }), d0),
    cof(fund, co.DonorRegistered.create({ fundId, donorId, name: 'Donor', registeredOn: d0 }), d0),
    cof(
      fund,
      co.WindowOpened.create({
        fundId,
        windowId,
        name: 'Promotion',
        supportKind: 'consortium-promotion',
        openedOn: d0,
        schedule: {
          version: 1,
          effectiveFrom: d0,
          years: [7500, 6000, 5000].map((bp) => ({ rate: BasisPoints.of(bp), cap: mad(200_000) })),
          afterLastYear: { rule: 'floor-rate', rate: BasisPoints.of(2000), cap: mad(50_000) },
        },
      }),
      d0,
    ),
    gua(
      gu.streamIds.company(companyId),
      gu.CompanyRegistered.create({
        companyId,
        name: 'Busy SCM',
        currency: 'XOF',
        federationId: null,
        registeredOn: d0,
      }),
      d0,
    ),
    gua(
      gu.streamIds.convention(conventionId),
      gu.BankConventionSigned.create({
        conventionId,
        companyId,
        bankId: 'CNCAS',
        currency: 'XOF',
        validFrom: d0,
        signedOn: d0,
        terms: {
          version: 1,
          effectiveFrom: d0,
          multiplier: Ratio.parse('1000000000/340000000'),
          coverageRate: BasisPoints.of(5000),
          ceilingBasis: 'loan-principal',
          maxGuaranteedPerLoan: null,
          validUntil: day(SPAN_DAYS + 365),
        },
      }),
      d0,
    ),
  ];
  let produced = 5;
  let n = 0;
  const enrolled = new Set<string>();
  const admitted = new Set<string>();
  while (produced < total) {
    n += 1;
    const progress = Math.floor((produced / total) * SPAN_DAYS);
    // 1 % of the groups are entered late: dated up to 90 days back.
    const at = n % 100 === 0 ? progress - 1 - (n % 90) : progress;
    const date = day(at);
    const later = day(at + 20);
    const items: Item[] = [];
    if (n % 2 === 0) {
      const grantId = `g-${n}`;
      const beneficiaryId = `b-${n % 500}`;
      const grant = co.grantStreamId(grantId);
      const ben = co.beneficiaryStreamId(beneficiaryId);
      if (n % 20 === 0) {
        items.push(
          cof(
            fund,
            co.ContributionRecorded.create({
              fundId,
              contributionId: `c-${n}`,
              donorId,
              amount: mad(400_000),
              receivedOn: date,
              reference: `CONV-${n}`,
            }),
            date,
          ),
        );
      }
      if (!enrolled.has(beneficiaryId)) {
        enrolled.add(beneficiaryId);
        items.push(
          cof(
            ben,
            co.BeneficiaryEnrolled.create({
              beneficiaryId,
              name: `B ${n}`,
              kind: 'export-consortium',
              enrolledOn: d0,
              memberFirms: [],
            }),
            d0,
          ),
        );
      }
      const eligible = mad(100_000);
      const subsidy = mad(50_000);
      const ids = { grantId, fundId, windowId, beneficiaryId };
      items.push(
        cof(
          grant,
          co.GrantRequested.create({
            ...ids,
            serviceProvider: 'P',
            description: 'd',
            eligibleCost: eligible,
            requestedOn: date,
            participationYear: 1,
          }),
          date,
        ),
        cof(
          grant,
          co.GrantApproved.create({
            ...ids,
            participationYear: 1,
            approvedOn: date,
            eligibleCost: eligible,
            subsidy,
            ownShare: mad(50_000),
            rate: BasisPoints.of(5000),
            scheduleVersion: 1,
            computation: {
              yearRule: 'schedule-year',
              rateSubsidy: subsidy,
              cap: mad(200_000),
              capUsedBefore: mad(0),
              capLeft: mad(200_000),
              limitedBy: 'rate',
              fundAvailableBefore: mad(1_000_000),
            },
          }),
          date,
        ),
        cof(
          fund,
          co.FundsCommitted.create({
            ...ids,
            participationYear: 1,
            amount: subsidy,
            committedOn: date,
            availableBefore: mad(1_000_000),
            availableAfter: mad(950_000),
          }),
          date,
        ),
        cof(
          ben,
          co.CapAllocated.create({
            ...ids,
            participationYear: 1,
            amount: subsidy,
            cap: mad(200_000),
            usedAfter: subsidy,
          }),
          date,
        ),
      );
      for (const [k, paid] of [
        [1, 20_000],
        [2, 20_000],
      ] as const) {
        items.push(
          cof(
            grant,
            co.GrantDisbursed.create({
              ...ids,
              participationYear: 1,
              disbursementId: `${grantId}-d${k}`,
              invoiceReference: `INV-${k}`,
              invoiceDate: later,
              invoiceAmount: mad(paid * 2),
              paid: mad(paid),
              rule: 'effective-rate',
              disbursedOn: later,
              invoicedTotal: mad(paid * 2 * k),
              disbursedTotal: mad(paid * k),
              commitmentLeft: mad(50_000 - paid * k),
            }),
            later,
          ),
        );
      }
      const released = mad(10_000);
      items.push(
        cof(
          grant,
          co.GrantClosed.create({
            ...ids,
            participationYear: 1,
            closedOn: later,
            committed: subsidy,
            disbursed: mad(40_000),
            released,
          }),
          later,
        ),
        cof(
          fund,
          co.CommitmentReleased.create({
            ...ids,
            participationYear: 1,
            amount: released,
            reason: 'closed',
            releasedOn: later,
          }),
          later,
        ),
        cof(ben, co.CapReleased.create({ ...ids, participationYear: 1, amount: released }), later),
      );
    } else {
      const guaranteeId = `q-${n}`;
      const memberId = `m-${n % 300}`;
      const company = gu.streamIds.company(companyId);
      const convention = gu.streamIds.convention(conventionId);
      const guarantee = gu.streamIds.guarantee(guaranteeId);
      if (!admitted.has(memberId)) {
        admitted.add(memberId);
        items.push(gua(company, gu.MemberAdmitted.create({ companyId, memberId, name: `M ${n}`, admittedOn: d0 }), d0));
      }
      if (n % 40 === 1) {
        items.push(
          gua(
            company,
            gu.GuaranteeFundDeposited.create({
              companyId,
              depositId: `dep-${n}`,
              bankId: 'CNCAS',
              amount: xof(34_000_000),
              termDepositReference: `DAT-${n}`,
              depositedOn: date,
              maturesOn: null,
            }),
            date,
          ),
        );
      }
      const principal = xof(3_000_000);
      const link = { companyId, memberId, guaranteeId, conventionId };
      items.push(
        gua(
          guarantee,
          gu.GuaranteeIssued.create({
            guaranteeId,
            companyId,
            conventionId,
            bankId: 'CNCAS',
            memberId,
            loanReference: `L-${n}`,
            principal,
            coverageRate: BasisPoints.of(5000),
            guaranteedAmount: xof(1_500_000),
            termsVersion: 1,
            loanStartDate: date,
            maturityDate: later,
            issuedOn: date,
          }),
          date,
        ),
        gua(
          convention,
          gu.ConventionExposureAdded.create({ ...link, principal, guaranteedAmount: xof(1_500_000), issuedOn: date }),
          date,
        ),
        gua(
          company,
          gu.MemberLoanGuaranteed.create({ ...link, principal, guaranteedAmount: xof(1_500_000), issuedOn: date }),
          date,
        ),
      );
      if (n % 50 === 1) {
        // Default: called, claim paid, half recovered.
        const claim = xof(1_500_000);
        items.push(
          gua(
            guarantee,
            gu.GuaranteeCalled.create({
              guaranteeId,
              outstandingAtDefault: principal,
              claimAmount: claim,
              calledOn: later,
            }),
            later,
          ),
          gua(
            convention,
            gu.ConventionExposureReduced.create({
              conventionId,
              companyId,
              guaranteeId,
              reason: 'call',
              principal,
              guaranteed: claim,
              on: later,
            }),
            later,
          ),
          gua(company, gu.MemberLoanDefaulted.create({ ...link, claimAmount: claim, calledOn: later }), later),
          gua(guarantee, gu.GuaranteeClaimPaid.create({ guaranteeId, amount: claim, paidOn: later }), later),
          gua(company, gu.ClaimPaidFromFund.create({ ...link, amount: claim, paidOn: later }), later),
          gua(
            guarantee,
            gu.GuaranteeRecoveryRecorded.create({ guaranteeId, amount: xof(750_000), receivedOn: later }),
            later,
          ),
          gua(
            company,
            gu.RecoveryReturnedToFund.create({ ...link, amount: xof(750_000), receivedOn: later, defaultCured: false }),
            later,
          ),
        );
      } else {
        for (const k of [1, 2, 3]) {
          const left = xof(3_000_000 - 1_000_000 * k);
          const final = k === 3;
          items.push(
            gua(
              guarantee,
              gu.LoanRepaymentRecorded.create({
                guaranteeId,
                amount: xof(1_000_000),
                outstandingPrincipal: left,
                guaranteedOutstanding: xof(1_500_000 - 500_000 * k),
                repaidOn: later,
              }),
              later,
            ),
            gua(
              convention,
              gu.ConventionExposureReduced.create({
                conventionId,
                companyId,
                guaranteeId,
                reason: final ? 'final-repayment' : 'repayment',
                principal: xof(1_000_000),
                guaranteed: xof(500_000),
                on: later,
              }),
              later,
            ),
          );
          if (final) {
            items.push(
              gua(guarantee, gu.GuaranteeReleased.create({ guaranteeId, releasedOn: later }), later),
              gua(
                company,
                gu.MemberLoanRepaid.create({ companyId, memberId, guaranteeId, conventionId, repaidOn: later }),
                later,
              ),
            );
          }
        }
      }
    }
    produced += items.length;
    yield items;
  }
}

/** One append per page: the page's streams in order of first appearance, each with its events in order. */
function page(items: Item[]): StreamAppend[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const item of items) {
    const events = byStream.get(item.stream) ?? [];
    events.push({
      id: randomUUID(),
      type: item.event.type,
      schemaVersion: item.event.schemaVersion,
      businessTime: new Date(`${item.date}T00:00:00.000Z`),
      data: item.event.data,
      metadata,
    });
    byStream.set(item.stream, events);
  }
  return [...byStream].map(([streamId, events]) => ({ streamId, expectedRevision: 'any', events }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(name: string, run: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = process.hrtime.bigint();
    await run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    query: name,
    requests: REQUESTS,
    p50Ms: Number(percentile(samples, 50).toFixed(2)),
    p99Ms: Number(percentile(samples, 99).toFixed(2)),
    maxMs: Number(samples[samples.length - 1].toFixed(2)),
  };
}

async function main() {
  const embedded = arg('embedded') > 0 || !(await serverReachable(benchDatabaseUrl));
  const schema = `bench_asof_${randomBytes(4).toString('hex')}`;
  const dataDir = embedded ? mkdtempSync(join(tmpdir(), 'bench-as-of-')) : '';
  const config = {
    ...loadLedgerConfig({}),
    ...(embedded ? { databaseUrl: undefined, dataDir } : { databaseUrl: benchDatabaseUrl, schema, poolSize: 4 }),
    kurrentDbConnectionString: undefined,
    runProjections: false,
  };
  const logger = { log: () => undefined, error: (message: string) => console.error(message) };
  const runtime = await LedgerRuntime.open(config, [cofinancingReadModels, guaranteesReadModels], logger);
  try {
    console.log(`generating ${EVENTS} events on ${embedded ? 'embedded PGlite' : 'the PostgreSQL server'}…`);
    let started = Date.now();
    let buffer: Item[] = [];
    for (const items of history(EVENTS)) {
      buffer.push(...items);
      if (buffer.length >= PAGE) {
        await runtime.store.appendToStreams(page(buffer));
        buffer = [];
      }
    }
    if (buffer.length > 0) await runtime.store.appendToStreams(page(buffer));
    const head = await runtime.store.headPosition();
    const generateSeconds = (Date.now() - started) / 1000;
    console.log(`${head} events appended in ${generateSeconds.toFixed(1)} s; catching the projections up…`);

    started = Date.now();
    const catchUp: Record<string, number> = {};
    for (const runner of runtime.projections) {
      const t0 = Date.now();
      await runner.catchUp();
      catchUp[runner.name] = (Date.now() - t0) / 1000;
      console.log(`  ${runner.name}: ${catchUp[runner.name].toFixed(1)} s`);
    }
    const catchUpSeconds = (Date.now() - started) / 1000;
    // What autovacuum would do after a bulk load: fresh planner statistics.
    await runtime.dataSource.query('ANALYZE');
    const [{ movements }] = await runtime.dataSource.query(
      `SELECT (SELECT count(*) FROM cofinancing_asof_movements) + (SELECT count(*) FROM guarantee_asof_movements) AS movements`,
    );
    const [{ checkpoints }] = await runtime.dataSource.query(
      `SELECT (SELECT count(*) FROM cofinancing_asof_buckets) + (SELECT count(*) FROM guarantee_asof_buckets) AS checkpoints`,
    );

    const cofinancing = new CofinancingBalancesAsOf(runtime.dataSource);
    const guarantees = new GuaranteeBalancesAsOf(runtime.dataSource);
    const [{ first, last }] = await runtime.dataSource.query(
      'SELECT min(recorded_at) AS first, max(recorded_at) AS last FROM ledger_events',
    );
    const [t0, t1] = [new Date(first).getTime(), new Date(last).getTime()];
    // Spread deterministically over the ten years and the recording window; every fourth request as known now.
    const point = (i: number) => ({
      asOf: day(Math.floor((((i * 7919) % 1000) / 1000) * (SPAN_DAYS + 60))),
      knownAt: i % 4 === 0 ? null : new Date(t0 + (((i * 104729) % 1000) / 1000) * (t1 - t0)),
    });
    const results = [
      await time('fund (busy, ~⅓ of the log)', (i) => cofinancing.fund('busy-fund', point(i))),
      await time('fund windows', (i) => cofinancing.windows('busy-fund', point(i))),
      await time('company (busy, ~⅔ of the guarantee events)', (i) => guarantees.company('busy-company', point(i))),
      await time('convention (capacity, headroom)', (i) => guarantees.convention('busy-convention', point(i))),
      await time('guarantee', (i) => guarantees.guarantee(`q-${1 + 2 * (i % 50)}`, point(i))),
    ];
    // For comparison: the same fund figure summed from every movement, without checkpoints.
    const scan = process.hrtime.bigint();
    await cofinancingBalances.balancesByFullScan(runtime.dataSource, 'fund', 'busy-fund', {
      asOf: day(SPAN_DAYS),
      knownAt: null,
    });
    const fullScanMs = Number(process.hrtime.bigint() - scan) / 1e6;
    results.push({
      query: 'fund, full scan of its movements (no checkpoints), once',
      requests: 1,
      p50Ms: Number(fullScanMs.toFixed(2)),
      p99Ms: Number(fullScanMs.toFixed(2)),
      maxMs: Number(fullScanMs.toFixed(2)),
    });

    report('as-of', results, {
      database: embedded ? 'embedded PGlite' : 'PostgreSQL server',
      events: Number(head),
      movements: Number(movements),
      checkpointRows: Number(checkpoints),
      generateSeconds: round(generateSeconds),
      catchUpSeconds: round(catchUpSeconds),
      catchUpSecondsByProjection: Object.fromEntries(Object.entries(catchUp).map(([k, v]) => [k, round(v)])),
    });
  } finally {
    await runtime.close();
    if (embedded) rmSync(dataDir, { recursive: true, force: true });
    else if (arg('keep') > 0) console.log(`kept schema ${schema}`);
    else {
      const pool = new Pool({ connectionString: benchDatabaseUrl, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
