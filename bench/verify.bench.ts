/**
 * bench:verify — the tamper-evidence check (`verifyLedger`: positions, revisions, hash chains,
 * signed checkpoints) over a seeded ledger on the PostgreSQL server: events/s, and the read alone
 * (readAll pages) for comparison. Usage: npm run bench:verify [-- --events 1000000[,10000]]
 */
import { CheckpointSigner, verifyLedger } from '@ledger/audit';
import { benchDatabaseUrl, report, round, serverReachable } from './bench-support';
import { eventsArg, memorySummary, openRuntime, withMemorySampling } from './bench-runtime';
import { seededLedger } from './seeded-ledger';

async function main(): Promise<void> {
  if (!(await serverReachable(benchDatabaseUrl)))
    throw new Error(`PostgreSQL server unreachable at ${benchDatabaseUrl}`);
  const rows: Record<string, unknown>[] = [];
  for (const events of eventsArg(1_000_000)) {
    const ledger = await seededLedger(benchDatabaseUrl, events, 42, { exactSize: true });
    const runtime = await openRuntime(ledger);
    try {
      const readStarted = process.hrtime.bigint();
      let after = 0n;
      let read = 0;
      for (;;) {
        const page = await runtime.store.readAll({ afterPosition: after, maxCount: 5000 });
        if (page.length === 0) break;
        read += page.length;
        after = page[page.length - 1].position;
      }
      const readSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
      const started = process.hrtime.bigint();
      const { result: verified, samples } = await withMemorySampling(() =>
        verifyLedger(runtime.store, runtime.dataSource, {
          installationPublicKeyPem: CheckpointSigner.existingPublicKey({ ...process.env, ...ledger.env }),
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const row = {
        target: 'postgres',
        events: verified.eventsChecked,
        ok: verified.ok,
        checkpoints: verified.checkpointsVerified,
        seconds: Math.round(seconds * 10) / 10,
        eventsPerSecond: round(verified.eventsChecked / seconds),
        readAllEventsPerSecond: round(read / readSeconds),
        ...memorySummary(samples),
      };
      console.log(
        `verify ${row.events} events: ${row.eventsPerSecond} events/s (read alone ${row.readAllEventsPerSecond} events/s), ok=${row.ok}`,
      );
      rows.push(row);
    } finally {
      await runtime.close();
    }
  }
  report('verify', rows, { targetEventsPerSecond: 100_000 });
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exit(1);
});
