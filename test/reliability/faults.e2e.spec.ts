import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, type Pool } from 'pg';
import request from 'supertest';
import type { EntityManager } from 'typeorm';
import { ProjectionRunner, type Projection } from '@ledger/event-sourcing';
import { APPEND_LOCK_SQL, type RecordedEvent } from '@ledger/event-store';
import { LedgerRuntime, type LedgerConfig } from '@ledger/platform';
import {
  closeTestApp,
  newKey,
  describeOnPostgresServer,
  testDatabaseKinds,
  testDatabaseUrl,
  testLedgerConfig,
  testPrincipals,
  type TestDatabaseKind,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { ledgerContexts } from '@ledger/contexts';
import {
  differences,
  listen,
  mad,
  mixedLoad,
  readModelInvariants,
  rebuildCompare,
  replayInvariants,
  settle,
  setUpWorld,
  verify,
  type LoadResult,
} from './reliability-support';

/**
 * Faults: a projector killed in the middle of a batch, the database connection dropped in the
 * middle of a command, and the service closed under load and started again. After each, nothing
 * is half written, nothing acknowledged is lost, and the read models equal a rebuild.
 */

const projections = ledgerContexts.flatMap((context) => context.readModels.projections);
const projectionNamed = (name: string) => projections.find((p) => p.name === name)!;

/** Records each event it applies in a table whose key is the position: applying one twice fails, skipping one shows. */
const appliedOnce: Projection = {
  name: 'test.applied-once',
  tables: ['reliability_applied'],
  async apply(event: RecordedEvent, manager: EntityManager) {
    await manager.query('INSERT INTO reliability_applied (position) VALUES ($1)', [event.position.toString()]);
  },
};

/** The same projection, but its transaction dies when it reaches `at` (in the middle of a batch). */
function killedAt(inner: Projection, at: bigint, kill: (manager: EntityManager) => Promise<void>): Projection {
  return {
    name: inner.name,
    tables: inner.tables,
    async apply(event, manager) {
      if (event.position === at) await kill(manager);
      await inner.apply(event, manager);
    },
  };
}

/** Server: the backend of the projection's own transaction is terminated. Embedded: the process "dies" (throws). */
const killFor = (kind: TestDatabaseKind) => async (manager: EntityManager) => {
  if (kind === 'postgres') await manager.query('SELECT pg_terminate_backend(pg_backend_pid())');
  else throw new Error('projector killed');
};

for (const kind of testDatabaseKinds()) {
  describe(`a projector killed mid-batch, on ${kind}`, () => {
    let app: INestApplication;
    let runtime: LedgerRuntime;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      process.env.RATE_LIMIT_PER_MINUTE = '1000000';
      // The projections are driven by hand here.
      app = await createApp({ ...config, runProjections: false, waitForProjections: false }, { logger: false });
      runtime = app.get(LedgerRuntime);
      const base = await listen(app);
      const principals = await testPrincipals(app);
      const world = await setUpWorld(base, principals);
      await mixedLoad(base, principals, world, { clients: 10, durationMs: 3_000 });
      await runtime.dataSource.query('CREATE TABLE reliability_applied (position bigint PRIMARY KEY)');
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('resumes from its last committed batch: no event applied twice, none skipped', async () => {
      const head = await runtime.store.headPosition();
      expect(head).toBeGreaterThan(150n);
      const at = head / 2n + 17n; // inside a batch of 100
      const batchSize = 100;
      for (const inner of [
        projectionNamed('cofinancing.grants'),
        projectionNamed('guarantees.read-models'),
        appliedOnce,
      ]) {
        const killed = new ProjectionRunner(killedAt(inner, at, killFor(kind)), runtime.store, runtime.dataSource, {
          batchSize,
        });
        await expect(killed.catchUp()).rejects.toThrow();
        const checkpoint = await killed.storedCheckpoint();
        // The batch that died left nothing: the checkpoint is the batch boundary before `at`.
        expect(checkpoint).toBe(((at - 1n) / BigInt(batchSize)) * BigInt(batchSize));
      }
      const [partial] = await runtime.dataSource.query(
        'SELECT count(*)::int AS n, max(position) AS last FROM reliability_applied',
      );
      expect(partial.n).toBe(Number(((at - 1n) / 100n) * 100n));
      expect(String(partial.last)).toBe(String(((at - 1n) / 100n) * 100n));
      // The read models as they stand (at their checkpoint) equal a rebuild to that same position.
      const halfway = await rebuildCompare(runtime);
      expect(differences(halfway)).toEqual([]);

      // Restarted with the real projections: resumes at the checkpoint and reaches the head.
      for (const inner of [
        projectionNamed('cofinancing.grants'),
        projectionNamed('guarantees.read-models'),
        appliedOnce,
      ]) {
        const restarted = new ProjectionRunner(inner, runtime.store, runtime.dataSource, { batchSize });
        expect(await restarted.catchUp()).toBe(head);
      }
      const [all] = await runtime.dataSource.query(
        'SELECT count(*)::int AS n, count(DISTINCT position)::int AS d, min(position) AS first, max(position) AS last FROM reliability_applied',
      );
      expect(all).toEqual({ n: Number(head), d: Number(head), first: '1', last: head.toString() });

      await runtime.catchUpProjections();
      const replay = await replayInvariants(runtime);
      expect(replay.problems).toEqual([]);
      expect(await readModelInvariants(runtime, replay)).toEqual([]);
      const rebuilt = await rebuildCompare(runtime);
      expect(differences(rebuilt)).toEqual([]);
      expect(rebuilt.identical).toBe(true);
    });
  });
}

describeOnPostgresServer('the database connection dropped in the middle of a command, on postgres', () => {
  let app: INestApplication;
  let runtime: LedgerRuntime;
  let base: string;
  let principals: TestPrincipals;
  // Built in beforeAll: the suite body also runs (skipped) where no server is configured.
  let config: ReturnType<typeof testLedgerConfig>['config'];
  let dropSchema: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ config, dropSchema } = testLedgerConfig('postgres'));
    process.env.RATE_LIMIT_PER_MINUTE = '1000000';
    app = await createApp(config, { logger: false });
    runtime = app.get(LedgerRuntime);
    base = await listen(app);
    principals = await testPrincipals(app);
  });
  afterAll(() => closeTestApp(app, dropSchema));

  /** A connection of our own to the app's schema that holds the append lock, so the app's append waits on it. */
  async function holdAppendLock(): Promise<Client> {
    const holder = new Client({ connectionString: testDatabaseUrl, options: `-c search_path=${config.schema},public` });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(APPEND_LOCK_SQL);
    return holder;
  }

  /** Waits for the app's backend blocked in `ledger_append`, and terminates it. */
  async function terminateBlockedAppend(holder: Client, command: Promise<request.Response>): Promise<number> {
    let answered: request.Response | undefined;
    void command.then((response) => (answered = response));
    for (let i = 0; i < 200 && !answered; i++) {
      const { rows } = await holder.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      );
      if (rows.length > 0) {
        await holder.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        return rows[0].pid;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(
      `no append waited for the lock; the command answered ${answered?.status} ${JSON.stringify(answered?.body)}`,
    );
  }

  it('answers a clear 503, writes nothing, and the same command retried with its key applies once', async () => {
    const world = await setUpWorld(base, principals);
    const fund = world.funds[0];
    const requested = await request(base)
      .post('/cofinancing/grants')
      .set(newKey())
      .set(principals.fundManager)
      .send({
        fundId: fund.fundId,
        windowId: fund.windowId,
        beneficiaryId: world.beneficiaries[0],
        serviceProvider: 'Maroc Export',
        description: 'Stand at a trade fair',
        eligibleCost: mad(100_000),
        requestedOn: '2021-06-01',
      })
      .expect(201);
    const grantId = requested.body.grantId as string;
    const headBefore = await runtime.store.headPosition();

    // An approval writes the grant, the fund and the beneficiary in one append: cut it there.
    const holder = await holdAppendLock();
    const approval = request(base)
      .post(`/cofinancing/grants/${grantId}/approval`)
      .set(principals.fundManager)
      .set('Idempotency-Key', 'approve-once')
      .timeout({ response: 20_000 })
      .send({ approvedOn: '2021-06-10' })
      .then((response) => response);
    try {
      await terminateBlockedAppend(holder, approval);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const failed = await approval;

    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBeDefined();
    expect(failed.body).toMatchObject({ statusCode: 503, error: 'database-unavailable' });
    expect(failed.body.message).toMatch(/Idempotency-Key/);
    // Nothing of the approval was written, on any of its three streams.
    expect(await runtime.store.headPosition()).toBe(headBefore);
    const grant = await request(base).get(`/cofinancing/grants/${grantId}`).set(principals.fundManager).expect(200);
    expect(grant.body.status).toBe('requested');

    // The service is still up, and the same request with the same key now applies — once.
    const retried = await request(base)
      .post(`/cofinancing/grants/${grantId}/approval`)
      .set(principals.fundManager)
      .set('Idempotency-Key', 'approve-once')
      .send({ approvedOn: '2021-06-10' })
      .expect(200);
    const again = await request(base)
      .post(`/cofinancing/grants/${grantId}/approval`)
      .set(principals.fundManager)
      .set('Idempotency-Key', 'approve-once')
      .send({ approvedOn: '2021-06-10' })
      .expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(retried.body);
    const log = await runtime.store.readAll({ afterPosition: headBefore, maxCount: 100 });
    // The approval's three events and its record (the key and the answer), once.
    expect(log.map((event) => event.type).sort()).toEqual([
      'cofinancing.CapAllocated',
      'cofinancing.FundsCommitted',
      'cofinancing.GrantApproved',
      'ledger.CommandRecorded',
    ]);
    const replay = await replayInvariants(runtime);
    expect(replay.problems).toEqual([]);
  });

  it('survives its idle connections being dropped (no crash), and the next command works', async () => {
    const pool = runtime.database.pool as Pool & { _clients?: { processID?: number }[] };
    const pids = (pool._clients ?? []).map((client) => client.processID).filter((pid) => pid !== undefined);
    expect(pids.length).toBeGreaterThan(0);
    const killer = new Client({ connectionString: testDatabaseUrl });
    await killer.connect();
    await killer.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
    await killer.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await request(base).get('/health').expect(200);
    await request(base)
      .post('/cofinancing/funds')
      .set(newKey())
      .set(principals.fundManager)
      .send({ name: 'After the cut', currency: 'MAD', createdOn: '2021-01-01' })
      .expect(201);
    const rebuilt = await rebuildCompare(runtime);
    expect(differences(rebuilt)).toEqual([]);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`the service closed under load and started again, on ${kind}`, () => {
    const { config: base, dropSchema } = testLedgerConfig(kind);
    // The embedded database must outlive the first app: a data folder rather than memory.
    const dataDir = kind === 'embedded' ? mkdtempSync(join(tmpdir(), 'ledger-restart-')) : undefined;
    const config: Partial<LedgerConfig> = dataDir ? { ...base, dataDir } : base;
    let second: INestApplication | undefined;

    afterAll(async () => {
      await closeTestApp(second, dropSchema);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('loses no acknowledged command, and half applies none', async () => {
      process.env.RATE_LIMIT_PER_MINUTE = '1000000';
      const first = await createApp(config, { logger: false });
      const url = await listen(first);
      const principals = await testPrincipals(first);
      const world = await setUpWorld(url, principals);

      let closed = false;
      const load: Promise<LoadResult> = mixedLoad(url, principals, world, {
        clients: 30,
        durationMs: 15_000,
        stop: () => closed,
        onError: 'ignore',
      });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await first.close();
      closed = true;
      const result = await load;
      expect(result.acknowledged.length).toBeGreaterThan(20);

      second = await createApp(config, { logger: false });
      const url2 = await listen(second);
      const runtime = second.get(LedgerRuntime);
      const head = await settle(runtime);

      // Every command answered 2xx is in the log: the event at the position it named carries its key.
      const missing: string[] = [];
      for (const ack of result.acknowledged) {
        const position = BigInt(String(ack.body.position));
        const [event] = await runtime.store.readAll({ afterPosition: position - 1n, maxCount: 1 });
        if (position > head || event?.metadata.idempotencyKey !== ack.key) missing.push(`${ack.path} ${ack.key}`);
      }
      expect(missing).toEqual([]);
      // And shows in the read models of the new process.
      for (const ack of result.acknowledged.filter((a) => a.body.grantId && a.path === '/cofinancing/grants')) {
        await request(url2)
          .get(`/cofinancing/grants/${String(ack.body.grantId)}`)
          .set(principals.fundManager)
          .expect(200);
      }
      for (const ack of result.acknowledged.filter((a) => a.body.guaranteeId && a.path.endsWith('/guarantees'))) {
        await request(url2)
          .get(`/guarantees/${String(ack.body.guaranteeId)}`)
          .set(principals.guaranteeOfficer)
          .expect(200);
      }

      const replay = await replayInvariants(runtime);
      expect(replay.problems).toEqual([]);
      expect(await readModelInvariants(runtime, replay)).toEqual([]);
      const rebuilt = await rebuildCompare(runtime);
      expect(differences(rebuilt)).toEqual([]);
      expect((await verify(runtime)).ok).toBe(true);
    });
  });
}
