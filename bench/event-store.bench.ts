/**
 * bench:event-store — appends per second (1 event per append, batches of 10) with 1 and 8
 * concurrent writers, and read-all events per second, on embedded PGlite and on the PostgreSQL
 * server. Each writer appends to its own streams with the exact expected revision, as command
 * handlers do. On the server, the same workloads also run on Emmett's PostgreSQL event store
 * (@event-driven-io/emmett-postgresql, in a fresh database of the same server) and the ratio
 * ours / Emmett is printed per workload. Usage: npm run bench:event-store [-- --appends N]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql), installed apart in
 * bench/emmett (its peer dependency on commander 12 conflicts with ours), on a fresh database of
 * the same server: the same workloads, its own API (appendToStream with expectedStreamVersion,
 * readMessagesBatch for read-all).
 */
interface EmmettStore {
  appendToStream(
    stream: string,
    events: { type: string; data: unknown }[],
    options: { expectedStreamVersion: unknown },
  ): Promise<{ nextExpectedStreamVersion: bigint }>;
  close(): Promise<void>;
}

function loadEmmett() {
  const directory = join(process.cwd(), 'bench', 'emmett');
  if (!existsSync(join(directory, 'node_modules', '@event-driven-io', 'emmett-postgresql'))) {
    console.log('installing Emmett into bench/emmett (once)…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: directory, stdio: 'inherit' });
  }
  const load = createRequire(join(directory, 'package.json'));
  const postgresql = load('@event-driven-io/emmett-postgresql') as {
    getPostgreSQLEventStore(connectionString: string): EmmettStore & { schema: { migrate(): Promise<unknown> } };
    readMessagesBatch(
      execute: unknown,
      options: { after: bigint; batchSize: number },
    ): Promise<{ messages: unknown[]; currentGlobalPosition: bigint; areMessagesLeft: boolean }>;
  };
  const emmett = load('@event-driven-io/emmett') as { STREAM_DOES_NOT_EXIST: unknown };
  const dumbo = load('@event-driven-io/dumbo') as {
    dumbo(options: { connectionString: string }): { execute: unknown; close(): Promise<void> };
  };
  return { postgresql, emmett, dumbo };
}

function emmettEvent(n: number) {
  const { type, data, metadata } = event(n);
  return { type, data: { ...data, actor: metadata.actor, correlationId: metadata.correlationId } };
}

async function runOnEmmett(rows: Record<string, unknown>[]): Promise<void> {
  const { postgresql, emmett, dumbo } = loadEmmett();
  const database = `bench_emmett_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: benchDatabaseUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(benchDatabaseUrl);
  url.pathname = `/${database}`;
  const connectionString = url.toString();
  const store = postgresql.getPostgreSQLEventStore(connectionString);
  const reader = dumbo.dumbo({ connectionString });
  try {
    await store.schema.migrate();
    for (const writers of [1, 8]) {
      for (const batch of [1, 10]) {
        const perWriter = Math.ceil(APPENDS_PER_WORKLOAD / writers);
        const started = process.hrtime.bigint();
        await Promise.all(
          Array.from({ length: writers }, async () => {
            let stream = `bench-${randomUUID()}`;
            let version: bigint | null = null;
            for (let n = 0; n < perWriter; n++) {
              if (version !== null && version >= BigInt(STREAM_LENGTH)) {
                stream = `bench-${randomUUID()}`;
                version = null;
              }
              const events = Array.from({ length: batch }, (_, i) => emmettEvent(n * batch + i));
              const result = await store.appendToStream(stream, events, {
                expectedStreamVersion: version ?? emmett.STREAM_DOES_NOT_EXIST,
              });
              version = result.nextExpectedStreamVersion;
            }
          }),
        );
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const total = perWriter * writers;
        const result = {
          appendsPerSecond: round(total / seconds),
          eventsPerSecond: round((total * batch) / seconds),
          appends: total,
        };
        rows.push({ target: 'emmett-postgres', workload: 'append', writers, eventsPerAppend: batch, ...result });
        console.log(`emmett-postgres: ${writers} writer(s) × ${batch} event(s): ${result.appendsPerSecond} appends/s`);
      }
    }
    const started = process.hrtime.bigint();
    let after = 0n;
    let count = 0;
    for (;;) {
      const page = await postgresql.readMessagesBatch(reader.execute, { after, batchSize: 1000 });
      count += page.messages.length;
      if (page.messages.length === 0 || !page.areMessagesLeft) break;
      after = page.currentGlobalPosition;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rows.push({
      target: 'emmett-postgres',
      workload: 'read-all',
      writers: 1,
      eventsPerAppend: null,
      appendsPerSecond: null,
      eventsPerSecond: round(count / seconds),
      events: count,
    });
  } finally {
    await store.close();
    await reader.close();
    await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.end();
  }
}

/** ours ÷ Emmett for each workload measured on both, on the same server in the same run. */
function ratios(rows: Record<string, unknown>[]) {
  const key = (row: Record<string, unknown>) => `${row.workload} ${row.writers}w × ${row.eventsPerAppend ?? '-'}`;
  const emmett = new Map(rows.filter((row) => row.target === 'emmett-postgres').map((row) => [key(row), row]));
  return rows
    .filter((row) => row.target === 'postgres' && emmett.has(key(row)))
    .map((row) => {
      const other = emmett.get(key(row))!;
      return {
        workload: key(row),
        oursEventsPerSecond: row.eventsPerSecond,
        emmettEventsPerSecond: other.eventsPerSecond,
        ratio: Math.round(((row.eventsPerSecond as number) / (other.eventsPerSecond as number)) * 100) / 100,
      };
    });
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
  let comparison: ReturnType<typeof ratios> = [];
  if (serverUp) {
    await runOn('postgres', rows);
    await runOnEmmett(rows);
    comparison = ratios(rows);
    console.log('ours / Emmett on the same PostgreSQL server (target ≥ 1.5 on appends):');
    console.table(comparison);
  } else
    console.log(
      `PostgreSQL server at ${benchDatabaseUrl.replace(/:[^:@/]*@/, ':***@')} unreachable: server figures skipped`,
    );
  report('event-store', rows, {
    appendsPerWorkload: APPENDS_PER_WORKLOAD,
    serverMeasured: serverUp,
    oursOverEmmett: comparison,
  });
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exit(1);
});
