import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { CheckpointSigner, rebuildAndCompare, verifyLedger } from '@ledger/audit';
import { LedgerRuntime, loadLedgerConfig, type LedgerConfig } from '@ledger/platform';
import { AppModule } from '../../../api/src/app.module';
import { ledgerContexts } from '@ledger/contexts';
import { generateDemoProgramme, type DemoReport } from './demo-programme';

export interface SeedDemoOptions {
  readonly events: number;
  readonly seed: number;
  readonly lanes?: number;
  readonly sequential?: boolean;
  /** Skip the rebuild-and-compare and verify checks (they read the whole log again). */
  readonly skipChecks?: boolean;
  readonly config?: Partial<LedgerConfig>;
  readonly log?: (line: string) => void;
}

export interface InvariantCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SeedDemoResult {
  readonly programme: DemoReport;
  readonly head: string;
  readonly eventsAppended: number;
  readonly generatorSeconds: number;
  readonly eventsPerSecond: number;
  readonly commandsPerSecond: number;
  readonly projectionCatchUpSeconds: number;
  readonly checks: readonly InvariantCheck[];
  readonly ok: boolean;
}

/**
 * The Nest application the API runs (same modules, command handlers and projections), without
 * HTTP, with the projections stopped and no read-your-writes wait: the generator only writes.
 */
export async function openLedgerContext(config: Partial<LedgerConfig> = {}): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    AppModule.forRoot({ ...loadLedgerConfig(), ...config, runProjections: false, waitForProjections: false }),
    { logger: ['error', 'warn'] },
  );
}

/** Seeds an empty ledger with the demo programme, catches the projections up and checks the invariants. */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const log = options.log ?? (() => undefined);
  const app = await openLedgerContext(options.config);
  try {
    const runtime = app.get(LedgerRuntime);
    const before = await runtime.store.headPosition();
    if (before > 0n) {
      throw new Error(
        `seed-demo writes a programme into an empty ledger; this one already holds ${before} events ` +
          '(use another DATABASE_SCHEMA or DATA_DIR)',
      );
    }
    const started = process.hrtime.bigint();
    let lastLog = 0;
    const programme = await generateDemoProgramme(app.get(CommandBus), {
      seed: options.seed,
      targetEvents: options.events,
      lanes: options.lanes,
      sequential: options.sequential,
      headPosition: () => runtime.store.headPosition(),
      onMonth: (month, date, head) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (seconds - lastLog >= 5 || head >= BigInt(options.events)) {
          lastLog = seconds;
          log(`month ${month + 1} (${date}): ${head} events, ${Math.round(Number(head) / seconds)} events/s`);
        }
      },
    });
    const generatorSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const head = await runtime.store.headPosition();
    const commands = Object.values(programme.commands).reduce((sum, n) => sum + n, 0);
    log(
      `generated ${head} events (${commands} commands) in ${generatorSeconds.toFixed(1)} s; catching the projections up…`,
    );
    const catchUpStarted = process.hrtime.bigint();
    await runtime.catchUpProjections();
    const projectionCatchUpSeconds = Number(process.hrtime.bigint() - catchUpStarted) / 1e9;
    log(`projections caught up in ${projectionCatchUpSeconds.toFixed(1)} s; checking the invariants…`);
    const checks = await invariantChecks(runtime, programme, options.skipChecks ?? false, log);
    return {
      programme,
      head: head.toString(),
      eventsAppended: Number(head - before),
      generatorSeconds: Math.round(generatorSeconds * 10) / 10,
      eventsPerSecond: Math.round(Number(head - before) / generatorSeconds),
      commandsPerSecond: Math.round(commands / generatorSeconds),
      projectionCatchUpSeconds: Math.round(projectionCatchUpSeconds * 10) / 10,
      checks,
      ok: checks.every((check) => check.ok),
    };
  } finally {
    await app.close();
  }
}

async function invariantChecks(
  runtime: LedgerRuntime,
  programme: DemoReport,
  skipSlow: boolean,
  log: (line: string) => void,
): Promise<InvariantCheck[]> {
  const checks: InvariantCheck[] = [];
  const query = <T>(sql: string) => runtime.dataSource.query(sql) as Promise<T[]>;
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };

  // Fund identity: contributed = available + committed-undisbursed + disbursed, each side from its own table.
  const funds = await query<{
    fund_id: string;
    currency: string;
    contributed: string;
    committed: string;
    disbursed: string;
    released: string;
    contributions: string;
    subsidies: string;
    paid: string;
    grant_released: string;
  }>(`
    SELECT f.fund_id, f.currency, f.contributed, f.committed, f.disbursed, f.released,
      (SELECT coalesce(sum(amount), 0) FROM cofinancing_contributions c WHERE c.fund_id = f.fund_id) AS contributions,
      (SELECT coalesce(sum(subsidy), 0) FROM cofinancing_grants g WHERE g.fund_id = f.fund_id AND g.approved_on IS NOT NULL) AS subsidies,
      (SELECT coalesce(sum(d.paid), 0) FROM cofinancing_disbursements d JOIN cofinancing_grants g USING (grant_id) WHERE g.fund_id = f.fund_id) AS paid,
      (SELECT coalesce(sum(released), 0) FROM cofinancing_grants g WHERE g.fund_id = f.fund_id) AS grant_released
    FROM cofinancing_funds f ORDER BY f.fund_id`);
  for (const fund of funds) {
    const contributed = BigInt(fund.contributed);
    const committed = BigInt(fund.committed);
    const disbursed = BigInt(fund.disbursed);
    const released = BigInt(fund.released);
    // The read model keeps `committed` net of what closures and cancellations released.
    const available = contributed - committed;
    const undisbursed = committed - disbursed;
    const ok =
      available >= 0n &&
      undisbursed >= 0n &&
      contributed === available + undisbursed + disbursed &&
      contributed === BigInt(fund.contributions) &&
      contributed.toString() === programme.expected.fundsContributed[fund.fund_id] &&
      committed === BigInt(fund.subsidies) - BigInt(fund.grant_released) &&
      disbursed === BigInt(fund.paid) &&
      released === BigInt(fund.grant_released);
    check(
      `fund identity ${fund.currency} ${fund.fund_id.slice(0, 8)}`,
      ok,
      `contributed ${contributed} = available ${available} + committed-undisbursed ${undisbursed} + disbursed ${disbursed}` +
        ` (contributions ${fund.contributions}, subsidies approved ${fund.subsidies} − released ${fund.grant_released}, invoices paid ${fund.paid})`,
    );
  }
  const [grants] = await query<{ over: string; approved: string }>(
    `SELECT count(*) FILTER (WHERE disbursed > subsidy OR disbursed + released > subsidy) AS over,
            count(*) FILTER (WHERE approved_on IS NOT NULL) AS approved FROM cofinancing_grants`,
  );
  check(
    'disbursed ≤ committed per grant',
    grants.over === '0' && Number(grants.approved) === programme.expected.grantsApproved,
    `${grants.approved} approved grants (the generator counted ${programme.expected.grantsApproved}), ${grants.over} over their commitment`,
  );
  const [caps] = await query<{ over: string; years: string }>(`
    SELECT count(*) FILTER (WHERE y.subsidy - y.released > (s.years -> (y.participation_year - 1) -> 'cap' ->> 'amountMinor')::numeric) AS over,
           count(*) AS years
      FROM cofinancing_beneficiary_years y
      JOIN cofinancing_window_schedules s ON s.window_id = y.window_id AND s.version = 1
     WHERE jsonb_array_length(s.years) >= y.participation_year`);
  check(
    'caps never exceeded',
    caps.over === '0',
    `${caps.years} (beneficiary, window, participation year) rows, ${caps.over} over the cap`,
  );

  // Guarantees: each convention's outstanding is what its live guarantees add up to; the fund never negative.
  const conventions = await query<{
    convention_id: string;
    outstanding: string;
    computed: string;
    fund_balance: string;
    headroom: string;
  }>(`
    SELECT c.convention_id, c.outstanding, c.fund_balance, c.headroom,
      (SELECT coalesce(sum(CASE WHEN c.ceiling_basis = 'loan-principal' THEN g.outstanding_principal ELSE g.guaranteed_outstanding END), 0)
         FROM guarantees g WHERE g.convention_id = c.convention_id AND g.status = 'active') AS computed
    FROM guarantee_conventions c ORDER BY c.convention_id`);
  const badConventions = conventions.filter(
    (c) => BigInt(c.outstanding) !== BigInt(c.computed) || BigInt(c.fund_balance) < 0n,
  );
  const [issued] = await query<{ n: string; calls: string; recovered: string }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE called_on IS NOT NULL) AS calls, coalesce(sum(recovered), 0) AS recovered FROM guarantees`,
  );
  check(
    'convention outstanding = Σ live guarantees',
    badConventions.length === 0 && Number(issued.n) === programme.expected.guaranteesIssued,
    `${conventions.length} conventions, ${issued.n} guarantees (the generator counted ${programme.expected.guaranteesIssued}), ` +
      `${issued.calls} called, ${issued.recovered} recovered` +
      (badConventions.length ? `; mismatches: ${JSON.stringify(badConventions.slice(0, 3))}` : ''),
  );
  const [companies] = await query<{ bad: string }>(`
    SELECT count(*) AS bad FROM guarantee_companies
     WHERE fund_balance <> fund_deposited - fund_withdrawn - claims_paid + recoveries OR fund_balance < 0`);
  check(
    'company fund = deposits − withdrawals − claims + recoveries',
    companies.bad === '0',
    `${companies.bad} companies off`,
  );

  if (skipSlow) return checks;
  const liveSchema = runtime.config.schema ?? 'public';
  const started = process.hrtime.bigint();
  const rebuilt = await rebuildAndCompare(runtime.dataSource, runtime.store, liveSchema, {
    migrations: ledgerContexts.flatMap((context) => context.readModels.migrations as never[]),
    projections: ledgerContexts.flatMap((context) => context.readModels.projections),
  });
  const rebuildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  check(
    'every projection equal to a rebuild',
    rebuilt.identical,
    `${rebuilt.projections.length} projections rebuilt into ${rebuilt.schema} in ${rebuildSeconds.toFixed(1)} s: ` +
      rebuilt.projections
        .map(
          (p) =>
            `${p.projection}${p.identical ? '' : ` DIFFERS (${JSON.stringify(p.tables.filter((t) => t.onlyLive || t.onlyRebuilt).slice(0, 2))})`}`,
        )
        .join(', '),
  );
  const verifyStarted = process.hrtime.bigint();
  const verified = await verifyLedger(runtime.store, runtime.dataSource, {
    installationPublicKeyPem: CheckpointSigner.existingPublicKey(),
  });
  const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;
  check(
    'ledger verifies (positions, revisions, hash chains, checkpoints)',
    verified.ok,
    `${verified.eventsChecked} events, ${verified.checkpointsVerified} checkpoints, ${verifySeconds.toFixed(1)} s` +
      (verified.firstBroken ? `; first broken: ${JSON.stringify(verified.firstBroken)}` : ''),
  );
  return checks;
}
