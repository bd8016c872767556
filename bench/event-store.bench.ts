/**
 * bench:event-store — appends per second (1 event per append, batches of 10) with 1 and 8
 * concurrent writers, and read-all events per second, on embedded PGlite and on the PostgreSQL
 * server. Each writer appends to its own streams with the exact expected revision, as command
 * handlers do. Usage: npm run bench:event-store [-- --appends N]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Database, openDataSource } from '@ledger/database';
import { PostgresEventStore, eventStoreMigrations, type EventStore, type NewEvent } from '@ledger/event-store';
import { benchDatabaseUrl, report, round, serverReachable } from './bench-support';

const appendsArg = process.argv.indexOf('--appends');
const APPENDS_PER_WORKLOAD = appendsArg > 0 ? Number(process.argv[appendsArg + 1]) : 4000;
const STREAM_LENGTH = 20;

function event(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'cofinancing.InvoicePaid',
    schemaVersion: 1,
    businessTime: new Date('2024-05-01T00:00:00Z'),
    data: { grantId: randomUUID(), invoice: `INV-${n}`, paid: { amountMinor: '1234500', currency: 'MAD' } },
    metadata: {
      actor: 'bench',
      role: 'fund_manager',
      correlationId: randomUUID(),
      causationId: null,
      idempotencyKey: null,
    },
  };
}

async function appendWorkload(store: EventStore, writers: number, batch: number, appends: number) {
  const perWriter = Math.ceil(appends / writers);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      let stream = `bench-${randomUUID()}`;
      let revision: bigint | null = null;
      for (let n = 0; n < perWriter; n++) {
        if (revision !== null && revision >= BigInt(STREAM_LENGTH - 1)) {
          stream = `bench-${randomUUID()}`;
          revision = null;
        }
        const events = Array.from({ length: batch }, (_, i) => event(n * batch + i));
        const result = await store.appendToStream(stream, events, { expectedRevision: revision ?? 'no_stream' });
        revision = result.nextExpectedRevision;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const total = perWriter * writers;
  return {
    appendsPerSecond: round(total / seconds),
    eventsPerSecond: round((total * batch) / seconds),
    appends: total,
  };
}

async function readAllWorkload(store: EventStore) {
  const started = process.hrtime.bigint();
  let after = 0n;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ afterPosition: after, maxCount: 1000 });
    if (page.length === 0) break;
    count += page.length;
    after = page[page.length - 1].position;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { eventsPerSecond: round(count / seconds), events: count };
}

async function runOn(target: 'embedded' | 'postgres', rows: Record<string, unknown>[]): Promise<void> {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (target === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
    database = await Database.open({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    database = await Database.open({ databaseUrl: benchDatabaseUrl, schema, poolSize: 16 });
    cleanup = async () => {
      const pool = new Pool({ connectionString: benchDatabaseUrl, max: 1 });
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    };
  }
  const dataSource = await openDataSource(database, { entities: [], migrations: eventStoreMigrations });
  const store = new PostgresEventStore(database.pool);
  try {
    for (const writers of [1, 8]) {
      for (const batch of [1, 10]) {
        const result = await appendWorkload(store, writers, batch, APPENDS_PER_WORKLOAD);
        rows.push({ target, workload: 'append', writers, eventsPerAppend: batch, ...result });
        console.log(`${target}: ${writers} writer(s) × ${batch} event(s): ${result.appendsPerSecond} appends/s`);
      }
    }
    const read = await readAllWorkload(store);
    rows.push({ target, workload: 'read-all', writers: 1, eventsPerAppend: null, appendsPerSecond: null, ...read });
  } finally {
    await store.close();
    await dataSource.destroy();
    await database.close();
    await cleanup();
  }
}

async function main(): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  await runOn('embedded', rows);
  const serverUp = await serverReachable(benchDatabaseUrl);
  if (serverUp) await runOn('postgres', rows);
  else
    console.log(
      `PostgreSQL server at ${benchDatabaseUrl.replace(/:[^:@/]*@/, ':***@')} unreachable: server figures skipped`,
    );
  report('event-store', rows, { appendsPerWorkload: APPENDS_PER_WORKLOAD, serverMeasured: serverUp });
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exit(1);
});
