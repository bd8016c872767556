/**
 * bench:api — the HTTP API under load from a second process (autocannon): approve, disburse and
 * issue-guarantee commands, and the coverage-check and fund-balance queries; requests/s, p50 and
 * p99 latency, on the PostgreSQL server and on the embedded PGlite, on a ledger seeded with the
 * demo programme (`seed-demo`) of N events of history.
 *
 * Usage: npm run bench:api [-- --events 10000[,100000]] [-- --targets postgres,embedded]
 *        [-- --seconds 10] [-- --seed 42] [-- --connections 10] [-- --no-wait] [-- --profile]
 * The API is the built one (dist/apps/api/src/main.js) started as a child process with a high
 * RATE_LIMIT_PER_MINUTE; `--no-wait` starts it with WAIT_FOR_PROJECTIONS=false (no read-your-writes
 * wait in the command path); `--profile` runs it under `node --cpu-prof` and writes the profile to
 * bench/results/profiles/. The autocannon client runs in its own process (this file with --child).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../apps/cli/src/seed/seed-demo';
import { benchDatabaseUrl, report, serverReachable } from './bench-support';
import { eventsArg } from './bench-runtime';
import { BENCH_ADMIN_KEY, seededLedger } from './seeded-ledger';

const argv = process.argv;
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) =>
  argv.indexOf(`--${name}`) > 0 ? argv[argv.indexOf(`--${name}`) + 1] : fallback;
const SECONDS = Number(option('seconds', '10'));
const CONNECTIONS = Number(option('connections', '10'));
const WAIT = !flag('no-wait');
const PROFILE = flag('profile');
const SEED = Number(option('seed', '42'));
/** Only generate (or find) the seeded ledgers, measure nothing: to seed while the machine is busy. */
const SEED_ONLY = flag('seed-only');
const FUNDS = 8;
const CONVENTIONS = 8;

interface ChildSpec {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Cycled, one per request. */
  paths: string[];
  /** Send a fresh Idempotency-Key with each request, as a careful client does. */
  keyed?: boolean;
  bodies?: string[];
}

interface Measured {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

// ---- the autocannon process -----------------------------------------------------------------

async function child(specFile: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as (opts: object) => Promise<{
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    duration: number;
  }>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const spec = JSON.parse(require('node:fs').readFileSync(specFile, 'utf8')) as ChildSpec;
  let next = 0;
  const salt = Date.now().toString(36);
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration }),
    requests: [
      {
        method: spec.method,
        headers: { ...spec.headers, 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => {
          const index = next++;
          return {
            ...request,
            ...(spec.keyed
              ? { headers: { ...(request.headers as object), 'idempotency-key': `bench-${salt}-${index}` } }
              : {}),
            path: spec.paths[index % spec.paths.length],
            // `{n}` makes each request's references unique (invoice numbers, loan references).
            ...(spec.bodies
              ? { body: spec.bodies[index % spec.bodies.length].replace(/\{n\}/g, `${salt}-${index}`) }
              : {}),
          };
        },
      },
    ],
  });
  const measured: Measured = {
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

function load(spec: ChildSpec): Promise<Measured> {
  const file = join(tmpdir(), `bench-api-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [__filename, '--child', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    process_.on('exit', (code) => {
      rmSync(file, { force: true });
      if (code !== 0) return reject(new Error(`autocannon process exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as Measured);
    });
  });
}

// ---- the API process ------------------------------------------------------------------------

async function startApi(env: Record<string, string>, port: number): Promise<{ api: ChildProcess; url: string }> {
  const preload = join(tmpdir(), 'bench-api-exit-on-message.js');
  // Exits cleanly on request, so that --cpu-prof writes its profile.
  writeFileSync(preload, "process.on('message', (m) => { if (m === 'exit') process.exit(0); });\n");
  const profileDir = join(process.cwd(), 'bench', 'results', 'profiles');
  if (PROFILE) mkdirSync(profileDir, { recursive: true });
  const args = [
    ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    '--require',
    preload,
    'dist/apps/api/src/main.js',
  ];
  const api = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      LEDGER_ADMIN_API_KEY: BENCH_ADMIN_KEY,
      RATE_LIMIT_PER_MINUTE: '100000000',
      WAIT_FOR_PROJECTIONS: WAIT ? 'true' : 'false',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { api, url };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the API did not start');
}

async function stopApi(api: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.send('exit');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (api.exitCode === null) api.kill('SIGKILL');
}

// ---- set-up through HTTP --------------------------------------------------------------------

async function call(
  url: string,
  key: string,
  method: string,
  path: string,
  body?: object,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function inParallel<T>(count: number, width: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const index = next++;
        out[index] = await work(index);
      }
    }),
  );
  return out;
}

const money = (amountMinor: string | number, currency: string) => ({ amountMinor: String(amountMinor), currency });

async function prepare(url: string, run: string) {
  const user = async (userId: string, role: string, bankId?: string) => {
    await call(url, BENCH_ADMIN_KEY, 'POST', '/access/users', { userId, role, ...(bankId ? { bankId } : {}) });
    return (await call(url, BENCH_ADMIN_KEY, 'POST', '/access/api-keys', { userId })).apiKey as string;
  };
  const manager = await user(`bench-manager-${run}`, 'fund_manager');
  const officer = await user(`bench-officer-${run}`, 'guarantee_officer');
  const banks = Array.from({ length: CONVENTIONS }, (_, i) => `BENCH${run}B${i}`.slice(0, 60));
  const bankKeys = await Promise.all(banks.map((bankId, i) => user(`bench-bank-${run}-${i}`, 'bank', bankId)));
  const fm = (path: string, body: object) => call(url, manager, 'POST', path, body);
  const go = (path: string, body: object) => call(url, officer, 'POST', path, body);

  const funds = await inParallel(FUNDS, 4, async (i) => {
    const { fundId } = (await fm('/cofinancing/funds', {
      name: `Bench ${run} ${i}`,
      currency: 'MAD',
      createdOn: '2021-01-01',
    })) as { fundId: string };
    const { donorId } = (await fm(`/cofinancing/funds/${fundId}/donors`, {
      name: 'Donor',
      registeredOn: '2021-01-01',
    })) as { donorId: string };
    await fm(`/cofinancing/funds/${fundId}/contributions`, {
      donorId,
      amount: money('100000000000000', 'MAD'),
      receivedOn: '2021-01-10',
      reference: 'B',
    });
    const { windowId } = (await fm(`/cofinancing/funds/${fundId}/windows`, {
      name: 'Promotion',
      supportKind: 'consortium-promotion',
      openedOn: '2021-01-01',
      schedule: {
        effectiveFrom: '2021-01-01',
        years: [{ rateBp: 7500, cap: money('100000000000000', 'MAD') }],
        afterLastYear: { rule: 'ineligible' },
      },
    })) as { windowId: string };
    return { fundId, windowId, donorId };
  });
  const beneficiaries = await inParallel(
    32,
    8,
    async (i) =>
      (
        (await fm('/cofinancing/beneficiaries', {
          name: `Bench consortium ${i}`,
          kind: 'export-consortium',
          enrolledOn: '2021-03-15',
          memberFirms: [{ name: 'Firm' }],
        })) as { beneficiaryId: string }
      ).beneficiaryId,
  );
  const requestGrant = (i: number) =>
    fm('/cofinancing/grants', {
      ...(({ fundId, windowId }) => ({ fundId, windowId }))(funds[i % FUNDS]),
      beneficiaryId: beneficiaries[i % beneficiaries.length],
      serviceProvider: 'Provider',
      description: 'bench',
      eligibleCost: money('100000000', 'MAD'),
      requestedOn: '2021-06-01',
    }).then((body) => body.grantId as string);
  const approvedGrants = await inParallel(64, 8, async (i) => {
    const grantId = await requestGrant(i);
    await fm(`/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-06-10' });
    return grantId;
  });
  const conventions = await inParallel(CONVENTIONS, 4, async (i) => {
    const { companyId } = (await go('/guarantee-companies', {
      name: `Bench SCM ${run} ${i}`,
      currency: 'XOF',
      registeredOn: '2008-01-15',
    })) as { companyId: string };
    const members = await Promise.all(
      [0, 1, 2, 3].map(async (m) => {
        const { memberId } = (await go(`/guarantee-companies/${companyId}/members`, {
          name: `M${m}`,
          admittedOn: '2008-02-01',
        })) as { memberId: string };
        const member = `/guarantee-companies/${companyId}/members/${memberId}`;
        await go(`${member}/capital-subscriptions`, { amount: money(100_000, 'XOF'), subscribedOn: '2008-02-01' });
        await go(`${member}/capital-payments`, { amount: money(100_000, 'XOF'), paidOn: '2008-02-15' });
        return memberId;
      }),
    );
    await go(`/guarantee-companies/${companyId}/fund-deposits`, {
      bankId: banks[i],
      amount: money('1000000000000000', 'XOF'),
      termDepositReference: 'DAT',
      depositedOn: '2008-03-01',
    });
    const { conventionId } = (await go('/bank-conventions', {
      companyId,
      bankId: banks[i],
      multiplier: '5/1',
      coverageRateBp: 5000,
      ceilingBasis: 'loan-principal',
      validFrom: '2008-04-01',
      validUntil: '2040-12-31',
      signedOn: '2008-03-20',
    })) as { conventionId: string };
    const loanReference = `BENCH-${run}-${i}`;
    await go(`/bank-conventions/${conventionId}/guarantees`, {
      memberId: members[0],
      loanReference,
      principal: money(10_000_000, 'XOF'),
      loanStartDate: '2021-05-01',
      maturityDate: '2025-05-01',
      issuedOn: '2021-05-01',
    });
    return { conventionId, members, bankId: banks[i], bankKey: bankKeys[i], loanReference };
  });
  return { manager, officer, funds, requestGrant, approvedGrants, conventions };
}

/** Every command on one stream: one fund's contributions and approvals, one convention's issuances. */
async function hotStreams(
  url: string,
  setup: Awaited<ReturnType<typeof prepare>>,
  row: (scenario: string, m: Measured) => void,
): Promise<void> {
  const hotFund = setup.funds[0];
  row(
    'hot fund: contribute',
    await load({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'POST',
      keyed: true,
      headers: { authorization: `Bearer ${setup.manager}` },
      paths: [`/cofinancing/funds/${hotFund.fundId}/contributions`],
      bodies: [
        JSON.stringify({
          donorId: hotFund.donorId,
          amount: money(1000, 'MAD'),
          receivedOn: '2021-01-10',
          reference: 'HOT-{n}',
        }),
      ],
    }),
  );
  // Grants of fund 0 only (requestGrant cycles the funds).
  const onHotFund = await inParallel(Math.max(200, Math.round(SECONDS * 150)), 16, (i) =>
    setup.requestGrant(i * FUNDS),
  );
  row(
    'hot fund: approve',
    await load({
      url,
      connections: CONNECTIONS,
      amount: onHotFund.length,
      method: 'POST',
      keyed: true,
      headers: { authorization: `Bearer ${setup.manager}` },
      paths: onHotFund.map((id) => `/cofinancing/grants/${id}/approval`),
      bodies: [JSON.stringify({ approvedOn: '2021-06-10' })],
    }),
  );
  const hotConvention = setup.conventions[0];
  row(
    'hot convention: issue',
    await load({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'POST',
      keyed: true,
      headers: { authorization: `Bearer ${setup.officer}` },
      paths: [`/bank-conventions/${hotConvention.conventionId}/guarantees`],
      bodies: hotConvention.members.map((memberId, n) =>
        JSON.stringify({
          memberId,
          loanReference: `HOT-${n}-{n}`,
          principal: money(1_000_000, 'XOF'),
          loanStartDate: '2021-05-01',
          maturityDate: '2025-05-01',
          issuedOn: '2021-05-01',
        }),
      ),
    }),
  );
}

// ---- one target ----------------------------------------------------------------------------

async function measureTarget(target: string, events: number, env: Record<string, string>, head: bigint, port: number) {
  const rows: Record<string, unknown>[] = [];
  const { api, url } = await startApi(env, port);
  try {
    const run = Date.now().toString(36);
    const setup = await prepare(url, run);
    const approvals = Math.max(200, Math.round(SECONDS * 150));
    const toApprove = await inParallel(approvals, 16, (i) => setup.requestGrant(i));
    const row = (scenario: string, m: Measured) => {
      rows.push({ target, events, head: head.toString(), waitForProjections: WAIT, scenario, ...m });
      console.log(
        `${target} ${events} ${scenario}: ${m.requestsPerSecond} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms (${m.non2xx} non-2xx)`,
      );
    };
    row(
      'approve grant',
      await load({
        url,
        connections: CONNECTIONS,
        amount: toApprove.length,
        method: 'POST',
        keyed: true,
        headers: { authorization: `Bearer ${setup.manager}` },
        paths: toApprove.map((id) => `/cofinancing/grants/${id}/approval`),
        bodies: [JSON.stringify({ approvedOn: '2021-06-10' })],
      }),
    );
    row(
      'disburse grant',
      await load({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'POST',
        headers: { authorization: `Bearer ${setup.manager}` },
        keyed: true,
        paths: setup.approvedGrants.map((id) => `/cofinancing/grants/${id}/disbursements`),
        bodies: [
          JSON.stringify({
            invoiceReference: 'INV-{n}',
            invoiceDate: '2021-07-01',
            invoiceAmount: money(1000, 'MAD'),
            disbursedOn: '2021-07-02',
          }),
        ],
      }),
    );
    const issuances = setup.conventions.flatMap((c) =>
      c.members.map((memberId) => ({ path: `/bank-conventions/${c.conventionId}/guarantees`, memberId })),
    );
    row(
      'issue guarantee',
      await load({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'POST',
        headers: { authorization: `Bearer ${setup.officer}` },
        keyed: true,
        paths: issuances.map((i) => i.path),
        bodies: issuances.map((i, n) =>
          JSON.stringify({
            memberId: i.memberId,
            loanReference: `L-${n}-{n}`,
            principal: money(1_000_000, 'XOF'),
            loanStartDate: '2021-05-01',
            maturityDate: '2025-05-01',
            issuedOn: '2021-05-01',
          }),
        ),
      }),
    );
    await hotStreams(url, setup, row);
    const bank = setup.conventions[0];
    row(
      'coverage check',
      await load({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'GET',
        headers: { authorization: `Bearer ${bank.bankKey}` },
        paths: [`/banks/${bank.bankId}/loan-coverage?loanReference=${bank.loanReference}`],
      }),
    );
    row(
      'fund balance',
      await load({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'GET',
        headers: { authorization: `Bearer ${setup.manager}` },
        paths: setup.funds.map((f) => `/cofinancing/funds/${f.fundId}`),
      }),
    );
  } finally {
    await stopApi(api);
  }
  return rows;
}

/** The demo programme in an embedded data folder, generated once and reused (a marker file says it is complete). */
async function seededEmbedded(events: number) {
  const dataDir = join(process.cwd(), 'bench', '.data', `embedded_demo_${events}_s${SEED}`);
  const marker = join(dataDir, 'seeded.json');
  if (!existsSync(marker)) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    console.log(`seeding ${dataDir} with ${events} events (seed-demo, seed ${SEED}); reused by later runs`);
    // The first admin is made while seeding: with the key the set-up calls use.
    process.env.LEDGER_ADMIN_API_KEY = BENCH_ADMIN_KEY;
    const result = await seedDemo({
      events,
      seed: SEED,
      skipChecks: true,
      config: { dataDir, databaseUrl: undefined, schema: undefined, kurrentDbConnectionString: undefined },
      log: (line) => console.log(`  ${line}`),
    });
    writeFileSync(marker, JSON.stringify({ head: result.head }));
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const head = BigInt((JSON.parse(require('node:fs').readFileSync(marker, 'utf8')) as { head: string }).head);
  return { env: { DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_SCHEMA: '', KURRENTDB_CONNECTION_STRING: '' }, head };
}

async function main(): Promise<void> {
  if (flag('child')) return child(option('child', ''));
  const targets = option('targets', 'postgres,embedded').split(',');
  const rows: Record<string, unknown>[] = [];
  let port = 3400 + Math.floor(Math.random() * 500);
  for (const events of eventsArg(10_000)) {
    if (targets.includes('postgres')) {
      if (!(await serverReachable(benchDatabaseUrl)))
        console.log(`PostgreSQL server unreachable at ${benchDatabaseUrl}: skipped`);
      else {
        const ledger = await seededLedger(benchDatabaseUrl, events, SEED);
        if (!SEED_ONLY) rows.push(...(await measureTarget('postgres', events, ledger.env, ledger.head, port++)));
      }
    }
    if (targets.includes('embedded')) {
      const ledger = await seededEmbedded(events);
      if (!SEED_ONLY) rows.push(...(await measureTarget('embedded', events, ledger.env, ledger.head, port++)));
    }
  }
  if (SEED_ONLY) return;
  report(WAIT ? 'api' : 'api-no-wait', rows, {
    seconds: SECONDS,
    connections: CONNECTIONS,
    waitForProjections: WAIT,
    targets: { approveAndDisburseCommandsPerSecond: 1000, commandP99Ms: 50, coverageCheckP99Ms: 5 },
  });
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
