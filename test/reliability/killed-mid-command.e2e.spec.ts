import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testDatabaseKinds, testLedgerConfig, type TestDatabaseKind } from '@ledger/testing';

/**
 * The API as a real process, killed with SIGKILL while commands are in flight, then started again
 * on the same database: every command retried under its key is applied exactly once, and a
 * command that was answered before the kill gets the very same bytes again (no 409, no "in
 * progress", no waiting for a stale claim to expire).
 */
const root = resolve(__dirname, '../..');
const ADMIN_KEY = `ledger-test-admin-${randomBytes(16).toString('hex')}`;
const COMMANDS = 60;

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

async function startApi(env: Record<string, string>): Promise<{ api: ChildProcess; url: string }> {
  const port = await freePort();
  const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      LEDGER_ADMIN_API_KEY: ADMIN_KEY,
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { api, url };
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the API did not start');
}

function exited(process_: ChildProcess): Promise<void> {
  if (process_.exitCode !== null || process_.signalCode !== null) return Promise.resolve();
  return new Promise((done) => process_.once('exit', () => done()));
}

async function call(url: string, key: string, method: string, path: string, body?: object, idempotencyKey?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      // Every command needs a key: the one given (to retry a command), else a new one.
      ...(method === 'GET' ? {} : { 'idempotency-key': idempotencyKey ?? randomBytes(8).toString('hex') }),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return {
    status: response.status,
    text: await response.text(),
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

function databaseEnv(kind: TestDatabaseKind): { env: Record<string, string>; cleanUp: () => Promise<void> } {
  if (kind === 'embedded') {
    // A data folder on disk: the process is started again on it.
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_SCHEMA: '' },
      cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  // A schema (and data folder) of its own on the server, dropped afterwards, as every server suite has.
  const { config, dropSchema } = testLedgerConfig(kind);
  return {
    env: {
      DATA_DIR: config.dataDir ?? '',
      DATABASE_URL: config.databaseUrl ?? '',
      DATABASE_SCHEMA: config.schema ?? '',
    },
    cleanUp: dropSchema,
  };
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'ignore' });
}, 120_000);

for (const kind of testDatabaseKinds()) {
  describe(`the API killed mid-command (SIGKILL), on ${kind}`, () => {
    const { env, cleanUp } = databaseEnv(kind);
    let api: ChildProcess | undefined;
    afterAll(async () => {
      if (api && api.exitCode === null) api.kill('SIGKILL');
      await cleanUp();
    });

    it('applies every retried command once, and repeats the answers given before the kill byte for byte', async () => {
      let url: string;
      ({ api, url } = await startApi(env));
      const admin = (method: string, path: string, body?: object) => call(url, ADMIN_KEY, method, path, body);
      expect((await admin('POST', '/access/users', { userId: 'manager', role: 'fund_manager' })).status).toBe(201);
      const manager = JSON.parse((await admin('POST', '/access/api-keys', { userId: 'manager' })).text)
        .apiKey as string;
      const fm = (path: string, body: object, key?: string) => call(url, manager, 'POST', path, body, key);
      const fund = JSON.parse(
        (await fm('/cofinancing/funds', { name: 'Fonds', currency: 'MAD', createdOn: '2021-01-01' }, 'fund')).text,
      ).fundId as string;
      const donor = JSON.parse(
        (await fm(`/cofinancing/funds/${fund}/donors`, { name: 'Bailleur', registeredOn: '2021-01-01' }, 'donor')).text,
      ).donorId as string;
      const contribution = (n: number) =>
        fm(
          `/cofinancing/funds/${fund}/contributions`,
          {
            donorId: donor,
            amount: { amountMinor: '100', currency: 'MAD' },
            receivedOn: '2021-02-01',
            reference: `C-${n}`,
          },
          `contribution-${n}`,
        );

      // Four clients send them one after another; the process is killed once some have been answered,
      // with others in flight (written or not, unanswered).
      const answeredBefore = new Map<number, string>();
      let next = 0;
      let killed = false;
      const client = async () => {
        while (!killed && next < COMMANDS) {
          const n = next++;
          const answer = await contribution(n).catch(() => null); // the connection died with the process
          if (answer?.status === 201) answeredBefore.set(n, answer.text);
          if (!killed && answeredBefore.size >= COMMANDS / 4) {
            killed = true;
            api?.kill('SIGKILL');
          }
        }
      };
      await Promise.all([client(), client(), client(), client()]);
      expect(killed).toBe(true);
      await exited(api);

      ({ api, url } = await startApi(env));
      const retried: { status: number; text: string; replayed: boolean }[] = [];
      for (let n = 0; n < COMMANDS; n++) retried.push(await contribution(n));
      expect(retried.filter((answer) => answer.status !== 201)).toEqual([]);
      for (const [n, text] of answeredBefore) {
        expect(retried[n].replayed).toBe(true);
        expect(retried[n].text).toBe(text);
      }

      const balances = await call(url, manager, 'GET', `/cofinancing/funds/${fund}`);
      expect(JSON.parse(balances.text).contributed).toEqual({ amountMinor: String(100 * COMMANDS), currency: 'MAD' });
    }, 120_000);
  });
}
