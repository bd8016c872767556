import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { describeOnPostgresServer, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';

/**
 * The ledger as three real processes on one PostgreSQL schema (each serving the API and standing
 * by for the projections: `LEDGER_ROLE=all`), 500+ mixed commands spread over them, and the
 * holder of the projections' lease killed with SIGKILL in the middle. Afterwards every 2xx is in
 * the log exactly once, no answer was a 5xx or a 409, the lease moved, the read models equal a
 * rebuild, verify passes, and every surviving replica is ready again. Then a replica whose
 * projection is stuck says so (readiness 503) and `ledger status` exits non-zero.
 */
const root = resolve(__dirname, '../..');
const ADMIN_KEY = `ledger-test-admin-${randomBytes(16).toString('hex')}`;
const COMMANDS = 540;
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface Replica {
  readonly process: ChildProcess;
  readonly url: string;
  readonly pid: number;
}

async function startReplica(env: Record<string, string>, role = 'all'): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      LEDGER_ROLE: role,
      LEDGER_ADMIN_API_KEY: ADMIN_KEY,
      LEDGER_LEASE_TTL_MS: '2000',
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`a replica exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/live`)).ok) return { process: child, url, pid: child.pid! };
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('a replica did not start');
}

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly position: string | null;
}

async function call(
  url: string,
  key: string,
  method: string,
  path: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, text: await response.text(), position: response.headers.get('x-log-position') };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function health(url: string): Promise<{ lease: { holder: string; live: boolean } | null; problems: string[] }> {
  return (await fetch(`${url}/health`)).json() as never;
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'ignore' });
}, 120_000);

describeOnPostgresServer('three replicas on one PostgreSQL schema, the lease holder killed mid-run', () => {
  // Only made when the suite runs (a skipped describe's body still runs, to collect its tests).
  const { config, dropSchema } = testDatabaseKinds().includes('postgres')
    ? testLedgerConfig('postgres')
    : { config: {} as ReturnType<typeof testLedgerConfig>['config'], dropSchema: async () => undefined };
  const env = {
    DATA_DIR: config.dataDir ?? '',
    DATABASE_URL: config.databaseUrl ?? '',
    DATABASE_SCHEMA: config.schema ?? '',
  };
  const replicas: Replica[] = [];
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2, options: `-c search_path=${config.schema}` });
  afterAll(async () => {
    for (const replica of replicas) if (replica.process.exitCode === null) replica.process.kill('SIGKILL');
    await pool.end();
    await dropSchema();
  });
  const cli = (...args: string[]) =>
    run(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'error' },
    }).then(
      (result) => ({ code: 0, stdout: result.stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it('answers every command truly, moves the lease, and ends with read models equal to a rebuild', async () => {
    // One after the other, so that they do not race over the migrations of a fresh schema.
    for (let i = 0; i < 3; i++) replicas.push(await startReplica(env));
    const [first] = replicas;
    const admin = (method: string, path: string, body?: object) =>
      call(first.url, ADMIN_KEY, method, path, body, { 'idempotency-key': randomBytes(8).toString('hex') });
    expect((await admin('POST', '/access/users', { userId: 'manager', role: 'fund_manager' })).status).toBe(201);
    const manager = JSON.parse((await admin('POST', '/access/api-keys', { userId: 'manager' })).text).apiKey as string;

    const post = (replica: Replica, path: string, body: object, key: string) =>
      call(replica.url, manager, 'POST', path, body, { 'idempotency-key': key });
    const fundIds: string[] = [];
    const donorIds: string[] = [];
    for (let f = 0; f < 2; f++) {
      const fund = await post(
        first,
        '/cofinancing/funds',
        { name: `Fonds ${f}`, currency: 'MAD', createdOn: '2021-01-01' },
        `fund-${f}`,
      );
      expect(fund.status).toBe(201);
      fundIds.push(JSON.parse(fund.text).fundId);
      const donor = await post(
        first,
        `/cofinancing/funds/${fundIds[f]}/donors`,
        { name: `Bailleur ${f}`, registeredOn: '2021-01-01' },
        `donor-${f}`,
      );
      expect(donor.status).toBe(201);
      donorIds.push(JSON.parse(donor.text).donorId);
    }

    // A mix: contributions to two hot funds (every replica writes the same streams), new donors
    // (a stream each), and queries on another replica asking for the position just written.
    const command = (n: number): { path: string; body: object; key: string } => {
      const f = n % 2;
      if (n % 5 === 4)
        return {
          path: `/cofinancing/funds/${fundIds[f]}/donors`,
          body: { name: `Donateur ${n}`, registeredOn: '2021-01-02' },
          key: `cmd-${n}`,
        };
      return {
        path: `/cofinancing/funds/${fundIds[f]}/contributions`,
        body: {
          donorId: donorIds[f],
          amount: { amountMinor: String(100 + n), currency: 'MAD' },
          receivedOn: '2021-02-01',
          reference: `R-${n}`,
        },
        key: `cmd-${n}`,
      };
    };
    const alive = () => replicas.filter((replica) => replica.process.exitCode === null && !replica.process.killed);
    const holderPid = async () => {
      const lease = (await health(alive()[0].url)).lease;
      return lease?.live ? Number(lease.holder.split(':')[1]) : undefined;
    };
    const killedPid = await until('a lease holder', holderPid);
    const killed = replicas.find((replica) => replica.pid === killedPid)!;
    expect(killed).toBeDefined();

    const answers = new Map<number, Answer>();
    const unanswered: number[] = [];
    const badQueries: Answer[] = [];
    let next = 0;
    let sent = 0;
    const client = async (c: number) => {
      while (next < COMMANDS) {
        const n = next++;
        sent += 1;
        if (sent === Math.floor(COMMANDS / 2)) killed.process.kill('SIGKILL');
        const up = alive();
        const target = up[(n + c) % up.length];
        const { path, body, key } = command(n);
        const answer = await post(target, path, body, key).catch(() => null);
        if (!answer) {
          unanswered.push(n);
          continue;
        }
        answers.set(n, answer);
        // Read-your-writes on another replica than the one that wrote.
        if (answer.status === 201 && n % 10 === 0 && answer.position) {
          const other = up.find((replica) => replica !== target && replica !== killed) ?? target;
          const read = await call(other.url, manager, 'GET', `/cofinancing/funds/${fundIds[n % 2]}`, undefined, {
            'x-min-position': answer.position,
          }).catch(() => null);
          if (read && read.status !== 200) badQueries.push(read);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    expect(killed.process.signalCode).toBe('SIGKILL');

    // The commands whose answer died with the killed process: retried under their key elsewhere.
    const survivors = replicas.filter((replica) => replica !== killed);
    for (const n of unanswered) {
      const { path, body, key } = command(n);
      answers.set(n, await post(survivors[n % survivors.length], path, body, key));
    }
    const statuses = [...answers.values()].map((answer) => answer.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 409)).toEqual([]);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect(answers.size).toBe(COMMANDS);
    expect(badQueries).toEqual([]);

    // Each answered command is in the log exactly once (by its reference or donor name).
    const contributions = (await pool.query(
      `SELECT data->>'reference' AS reference, count(*)::int AS n FROM ledger_events
        WHERE event_type = 'cofinancing.ContributionRecorded' GROUP BY 1`,
    )) as { rows: { reference: string; n: number }[] };
    const donors = (await pool.query(
      `SELECT data->>'name' AS name, count(*)::int AS n FROM ledger_events
        WHERE event_type = 'cofinancing.DonorRegistered' AND data->>'name' LIKE 'Donateur %' GROUP BY 1`,
    )) as { rows: { name: string; n: number }[] };
    const written = new Map<string, number>([
      ...contributions.rows.map((row): [string, number] => [row.reference, row.n]),
      ...donors.rows.map((row): [string, number] => [row.name, row.n]),
    ]);
    for (let n = 0; n < COMMANDS; n++) {
      const name = n % 5 === 4 ? `Donateur ${n}` : `R-${n}`;
      expect([name, written.get(name)]).toEqual([name, 1]);
    }
    expect(written.size).toBe(COMMANDS);

    // The lease moved to a survivor, and every survivor is ready again.
    const newHolder = await until('the lease to move', async () => {
      const pid = await holderPid();
      return pid !== undefined && pid !== killedPid ? pid : undefined;
    });
    expect(survivors.map((replica) => replica.pid)).toContain(newHolder);
    for (const replica of survivors)
      await until(`${replica.url} ready`, async () =>
        (await fetch(`${replica.url}/health/ready`)).status === 200 ? true : undefined,
      );

    // The read models show every contribution, and equal a rebuild; verify passes.
    const fund0 = JSON.parse((await call(survivors[0].url, manager, 'GET', `/cofinancing/funds/${fundIds[0]}`)).text);
    const expected0 = [...Array(COMMANDS).keys()]
      .filter((n) => n % 2 === 0 && n % 5 !== 4)
      .reduce((sum, n) => sum + 100 + n, 0);
    expect(fund0.contributed).toEqual({ amountMinor: String(expected0), currency: 'MAD' });
    const compare = await cli('projections', 'rebuild-compare');
    expect([compare.code, compare.stdout]).toEqual([0, expect.stringContaining('identical to a rebuild')]);
    expect((await cli('verify')).code).toBe(0);
    expect((await cli('status')).code).toBe(0);
  }, 300_000);

  it('reports a stuck read model: readiness 503 on every replica and `ledger status` exits non-zero', async () => {
    const survivors = replicas.filter(
      (replica) => replica.process.exitCode === null && replica.process.signalCode === null,
    );
    // Nobody may apply any more: the survivors go, one replica that only serves the API stays.
    for (const replica of survivors) replica.process.kill('SIGTERM');
    await Promise.all(survivors.map((replica) => new Promise((done) => replica.process.once('exit', done))));
    const api = await startReplica(env, 'api');
    replicas.push(api);
    const manager = JSON.parse(
      (await call(api.url, ADMIN_KEY, 'POST', '/access/api-keys', { userId: 'manager' }, { 'idempotency-key': 'k2' }))
        .text,
    ).apiKey as string;
    const fund = await call(
      api.url,
      manager,
      'POST',
      '/cofinancing/funds',
      { name: 'Fonds figé', currency: 'XOF', createdOn: '2021-01-01' },
      { 'idempotency-key': 'stuck-fund' },
    );
    // Written, and said to be behind the read models (nobody applies them).
    expect(fund.status).toBe(201);
    await until('readiness to fail', async () =>
      (await fetch(`${api.url}/health/ready`)).status === 503 ? true : undefined,
    );
    const overview = await health(api.url);
    expect(overview.problems.join('\n')).toMatch(/behind and no process holds the projections' lease|stuck/);
    const status = await cli('status');
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/PROBLEM/);
    expect((await cli('projections', 'rebuild-compare')).code).toBe(1);
  }, 120_000);
});
