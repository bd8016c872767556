/**
 * bench:rebuild — rebuild every read model from the log of a seeded ledger into a fresh schema
 * and compare it with the live one (`rebuildAndCompare`, what `ledger projections rebuild --compare`
 * runs): events/s over the whole rebuild and per projection (the log is read once, a page at a time,
 * for all of them: a projection's figure is the log length over the time until it was compared),
 * and memory sampled during the run (peak RSS per quarter of the run: flat when memory is constant).
 * PostgreSQL server.
 * Usage: npm run bench:rebuild [-- --events 1000000] [-- --concurrency 4] [-- --batch 2000]
 */
import { rebuildAndCompare } from '@ledger/audit';
import { ledgerContexts } from '@ledger/contexts';
import { benchDatabaseUrl, report, round, serverReachable } from './bench-support';
import { eventsArg, memorySummary, openRuntime, withMemorySampling } from './bench-runtime';
import { seededLedger } from './seeded-ledger';

const arg = (name: string, fallback: number) =>
  Number(process.argv.indexOf(name) > 0 ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const CONCURRENCY = arg('--concurrency', 4);
/** Events per page of the log, read once for every projection. */
const BATCH = arg('--batch', 2_000);

async function main(): Promise<void> {
  if (!(await serverReachable(benchDatabaseUrl)))
    throw new Error(`PostgreSQL server unreachable at ${benchDatabaseUrl}`);
  const rows: Record<string, unknown>[] = [];
  for (const events of eventsArg(1_000_000)) {
    const ledger = await seededLedger(benchDatabaseUrl, events, 42, { exactSize: true });
    const runtime = await openRuntime(ledger);
    try {
      const head = await runtime.store.headPosition();
      const passes: Record<string, { seconds: number; started: bigint }> = {};
      const started = process.hrtime.bigint();
      const { result: rebuilt, samples } = await withMemorySampling(() =>
        rebuildAndCompare(
          runtime.dataSource,
          runtime.store,
          ledger.schema,
          {
            migrations: ledgerContexts.flatMap((context) => context.readModels.migrations as never[]),
            projections: ledgerContexts.flatMap((context) => context.readModels.projections),
          },
          {
            concurrency: CONCURRENCY,
            batchSize: BATCH,
            onProjectionStart: (name) => {
              passes[name] = { seconds: -1, started: process.hrtime.bigint() };
            },
            onProjectionDone: ({ projection }) => {
              passes[projection].seconds = Number(process.hrtime.bigint() - passes[projection].started) / 1e9;
            },
          },
        ),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const perProjection = Object.fromEntries(
        Object.entries(passes).map(([name, pass]) => [name, round(Number(head) / pass.seconds)]),
      );
      const row = {
        target: 'postgres',
        events: Number(head),
        projections: rebuilt.projections.length,
        /** Projections applying a page side by side (`--concurrency`). */
        concurrency: CONCURRENCY,
        /** Events per page, read once for all projections (`--batch`). */
        batchSize: BATCH,
        identical: rebuilt.identical,
        seconds: Math.round(seconds * 10) / 10,
        /** Log events applied per second, all projections together (each applies the whole log). */
        eventsPerSecond: round((Number(head) * rebuilt.projections.length) / seconds),
        /** The whole rebuild, as log length over wall time. */
        logEventsPerSecond: round(Number(head) / seconds),
        ...memorySummary(samples),
      };
      console.log(
        `rebuild of ${row.projections} projections over ${row.events} events: ${row.eventsPerSecond} events/s`,
      );
      console.log(`per projection (events/s, until compared): ${JSON.stringify(perProjection)}`);
      rows.push({ ...row, perProjectionEventsPerSecond: perProjection });
    } finally {
      await runtime.close();
    }
  }
  report('rebuild', rows, { targetEventsPerSecond: 20_000 });
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exit(1);
});
