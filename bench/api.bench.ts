/**
 * bench:api — the HTTP API under load from a second process (autocannon): approve, disburse and
 * issue-guarantee commands, and the coverage-check and fund-balance queries; requests/s, p50 and
 * p99 latency, on the PostgreSQL server and on the embedded PGlite, on a ledger seeded with the
 * demo programme (`seed-demo`) of N events of history.
 *
 * Usage: npm run bench:api [-- --events 10000[,100000]] [-- --targets postgres,embedded]
 *        [-- --seconds 10] [-- --seed 42] [-- --connections 10] [-- --no-wait] [-- --profile]
 *        [-- --replicas 2] [-- --only queries|commands]
 * The API is the built one (dist/apps/api/src/main.js) started as a child process with a high
 * RATE_LIMIT_PER_MINUTE; `--no-wait` starts it with WAIT_FOR_PROJECTIONS=false (no read-your-writes
 * wait in the command path); `--profile` runs it under `node --cpu-prof` and writes the profile to
 * bench/results/profiles/. The autocannon client runs in its own process (this file with --child).
 *
 * `--replicas N` (N ≥ 2; PostgreSQL server only; default 1 = the single `LEDGER_ROLE=all` process
 * above): N API replicas (`LEDGER_ROLE=api`) and one projector (`LEDGER_ROLE=projector`) on the
 * seeded schema, and every scenario measured twice back to back — its load on ONE replica (the
 * others idle, only following the stored checkpoints), then spread over all N, the order
 * alternating from one scenario to the next — and the ratio N : 1 of each scenario's throughput,
 * written to bench/results/api-replicas.json. Back to back in one cluster rather than one cluster
 * after another, so that a drift in what else the machine runs falls on both measurements alike.
 * How the load is spread: one autocannon instance, in the one client process, given every
 * replica's URL; autocannon binds its connections round-robin to the URLs (connection i → replica
 * i mod N), so each replica gets the same share of the connections, and both measurements have the
 * same client (one process), the same total connections and one latency histogram over all
 * answers. (One autocannon process per replica would give the N-replica measurement more client
 * CPU than the 1-replica one; no reverse proxy is used: it would add a hop and its own CPU.)
 * Client, PostgreSQL, replicas and projector all share this one machine's cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../apps/cli/src/seed/seed-demo';
import { benchDatabaseUrl, report, serverReachable } from './bench-support';
import { eventsArg } from './bench-runtime';
import { freePort, stopAll, stopProcess, track, until } from './replicas';
import { BENCH_ADMIN_KEY, seededLedger, type SeededLedger } from './seeded-ledger';

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
/** API processes (LEDGER_ROLE=api, plus one projector) to spread the load over; 1 = one `all` process. */
const REPLICAS = Number(option('replicas', '1'));
/** `queries` or `commands`: only those scenarios (default: all). */
const ONLY = option('only', 'all');
const FUNDS = 8;
const CONVENTIONS = 8;

interface ChildSpec {
  /** Several URLs: autocannon binds connection i to url[i mod n]. */
  url: string | string[];
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
  /** Count by status code of the answers that were not 2xx, if any. */
  statuses?: Record<string, number>;
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
    statusCodeStats?: Record<string, { count: number }>;
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
  const statuses = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2'));
  const measured: Measured = {
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    ...(statuses.length ? { statuses: Object.fromEntries(statuses.map(([code, s]) => [code, s.count])) } : {}),
    errors: result.errors,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

function load(spec: ChildSpec): Promise<Measured> {
  const file = join(tmpdir(), `bench-api-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const process_ = track(
      spawn(process.execPath, [__filename, '--child', file], { stdio: ['ignore', 'pipe', 'inherit'] }),
    );
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

async function startApi(
  env: Record<string, string>,
  port: number,
  readyPath = '/health',
): Promise<{ api: ChildProcess; url: string }> {
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
  const api = track(
    spawn(process.execPath, args, {
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
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 600; i++) {
      if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
      try {
        if ((await fetch(`${url}${readyPath}`)).ok) return { api, url };
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the API did not start');
  } catch (error) {
    await stopApi(api);
    throw error;
  }
}

/**
 * SIGTERM (a graceful close: the projections' lease is released), then SIGKILL after 10 s. Under
 * --profile the IPC 'exit' comes first instead: a clean exit, so that --cpu-prof writes its profile.
 */
async function stopApi(api: ChildProcess): Promise<void> {
  await stopProcess(api, 10_000, PROFILE && api.connected ? () => api.send('exit') : undefined);
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
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
    },
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

// ---- the scenarios ---------------------------------------------------------------------------

type Setup = Awaited<ReturnType<typeof prepare>>;

interface Scenario {
  name: string;
  kind: 'command' | 'query';
  /** The load, the URL(s) left out; made afresh for each measurement (grants to approve are used up). */
  spec: (setup: Setup) => Promise<Omit<ChildSpec, 'url'>>;
}

/** Grants requested (not approved), enough for one approval scenario; `stride` FUNDS: all on fund 0. */
const grantsToApprove = (setup: Setup, stride: number) =>
  inParallel(Math.max(200, Math.round(SECONDS * 150)), 16, (i) => setup.requestGrant(i * stride));

const SCENARIOS: Scenario[] = [
  {
    name: 'approve grant',
    kind: 'command',
    spec: async (setup) => {
      const grants = await grantsToApprove(setup, 1);
      return {
        connections: CONNECTIONS,
        amount: grants.length,
        method: 'POST',
        keyed: true,
        headers: { authorization: `Bearer ${setup.manager}` },
        paths: grants.map((id) => `/cofinancing/grants/${id}/approval`),
        bodies: [JSON.stringify({ approvedOn: '2021-06-10' })],
      };
    },
  },
  {
    name: 'disburse grant',
    kind: 'command',
    spec: async (setup) => ({
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
  },
  {
    name: 'issue guarantee',
    kind: 'command',
    spec: async (setup) => {
      const issuances = setup.conventions.flatMap((c) =>
        c.members.map((memberId) => ({ path: `/bank-conventions/${c.conventionId}/guarantees`, memberId })),
      );
      return {
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
      };
    },
  },
  // Every command on one stream: one fund's contributions and approvals, one convention's issuances.
  {
    name: 'hot fund: contribute',
    kind: 'command',
    spec: async (setup) => ({
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'POST',
      keyed: true,
      headers: { authorization: `Bearer ${setup.manager}` },
      paths: [`/cofinancing/funds/${setup.funds[0].fundId}/contributions`],
      bodies: [
        JSON.stringify({
          donorId: setup.funds[0].donorId,
          amount: money(1000, 'MAD'),
          receivedOn: '2021-01-10',
          reference: 'HOT-{n}',
        }),
      ],
    }),
  },
  {
    name: 'hot fund: approve',
    kind: 'command',
    spec: async (setup) => {
      // Grants of fund 0 only (requestGrant cycles the funds).
      const grants = await grantsToApprove(setup, FUNDS);
      return {
        connections: CONNECTIONS,
        amount: grants.length,
        method: 'POST',
        keyed: true,
        headers: { authorization: `Bearer ${setup.manager}` },
        paths: grants.map((id) => `/cofinancing/grants/${id}/approval`),
        bodies: [JSON.stringify({ approvedOn: '2021-06-10' })],
      };
    },
  },
  {
    name: 'hot convention: issue',
    kind: 'command',
    spec: async (setup) => ({
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'POST',
      keyed: true,
      headers: { authorization: `Bearer ${setup.officer}` },
      paths: [`/bank-conventions/${setup.conventions[0].conventionId}/guarantees`],
      bodies: setup.conventions[0].members.map((memberId, n) =>
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
  },
  {
    name: 'coverage check',
    kind: 'query',
    spec: async (setup) => ({
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'GET',
      headers: { authorization: `Bearer ${setup.conventions[0].bankKey}` },
      paths: [
        `/banks/${setup.conventions[0].bankId}/loan-coverage?loanReference=${setup.conventions[0].loanReference}`,
      ],
    }),
  },
  {
    name: 'fund balance',
    kind: 'query',
    spec: async (setup) => ({
      connections: CONNECTIONS,
      duration: SECONDS,
      method: 'GET',
      headers: { authorization: `Bearer ${setup.manager}` },
      paths: setup.funds.map((f) => `/cofinancing/funds/${f.fundId}`),
    }),
  },
];

/** Where one measurement sends its load: one URL, or several (spread over them); its rows start with `base`. */
interface Arm {
  url: string | string[];
  base: Record<string, unknown>;
  label: string;
}

/**
 * Every scenario, the set-up through `setupUrl`; each scenario measured on every arm back to back
 * (the arms' order alternating from one scenario to the next), so that a drift in what else the
 * machine does falls on all of them alike.
 */
function chosenScenarios(): Scenario[] {
  if (ONLY === 'all') return SCENARIOS;
  if (ONLY !== 'queries' && ONLY !== 'commands') throw new Error(`--only takes queries or commands, got ${ONLY}`);
  return SCENARIOS.filter((scenario) => scenario.kind === (ONLY === 'queries' ? 'query' : 'command'));
}

async function scenarios(setupUrl: string, arms: Arm[]) {
  const rows: Record<string, unknown>[] = [];
  const setup = await prepare(setupUrl, Date.now().toString(36));
  for (const [index, scenario] of chosenScenarios().entries()) {
    for (const arm of index % 2 === 0 ? arms : [...arms].reverse()) {
      const m = await load({ url: arm.url, ...(await scenario.spec(setup)) });
      rows.push({ ...arm.base, scenario: scenario.name, ...m });
      console.log(
        `${arm.label} ${scenario.name}: ${m.requestsPerSecond} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms (${m.non2xx} non-2xx${m.statuses ? ` ${JSON.stringify(m.statuses)}` : ''}, ${m.errors} errors)`,
      );
    }
  }
  return rows;
}

// ---- one target ----------------------------------------------------------------------------

async function measureTarget(target: string, events: number, env: Record<string, string>, head: bigint, port: number) {
  const { api, url } = await startApi(env, port);
  try {
    const base = { target, events, head: head.toString(), waitForProjections: WAIT };
    return await scenarios(url, [{ url, base, label: `${target} ${events}` }]);
  } finally {
    await stopApi(api);
  }
}

// ---- several API replicas and a projector ---------------------------------------------------

interface Health {
  lease: { live: boolean; heldHere: boolean } | null;
  projections: { lag: string; state: string }[];
}

/**
 * A projector (LEDGER_ROLE=projector) and `count` API replicas (LEDGER_ROLE=api) on the seeded
 * schema, up and ready: the projector holds the lease and every read model is at the head.
 * Started one after the other; on failure, whatever was started is stopped.
 */
async function startReplicas(ledger: SeededLedger, count: number) {
  const started: ChildProcess[] = [];
  try {
    const projector = await startApi({ ...ledger.env, LEDGER_ROLE: 'projector' }, await freePort(), '/health/live');
    started.push(projector.api);
    await until(
      'the projector to hold the lease and bring every read model to the head',
      async () => {
        const health = (await (await fetch(`${projector.url}/health`)).json()) as Health;
        return health.lease?.live && health.lease.heldHere && health.projections.every((p) => p.lag === '0')
          ? true
          : undefined;
      },
      120_000,
    );
    const urls: string[] = [];
    for (let i = 0; i < count; i++) {
      const replica = await startApi({ ...ledger.env, LEDGER_ROLE: 'api' }, await freePort(), '/health/ready');
      started.push(replica.api);
      urls.push(replica.url);
    }
    return { urls, stop: () => Promise.all(started.map((child) => stopApi(child))) };
  } catch (error) {
    await Promise.all(started.map((child) => stopApi(child)));
    throw error;
  }
}

const ratio = (n: number, one: number) => (one > 0 ? Math.round((n / one) * 100) / 100 : null);
const geometricMean = (values: number[]) =>
  values.length
    ? Math.round(Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length) * 100) / 100
    : null;

/**
 * `replicas` API replicas and a projector; each scenario with its load on the first replica only
 * (the others idle: they only follow the stored checkpoints), then spread over all of them — or
 * the other way round — and the ratio of the two throughputs, scenario by scenario.
 */
async function measureReplicas(events: number, ledger: SeededLedger, replicas: number) {
  if (CONNECTIONS % replicas !== 0)
    console.log(`note: ${CONNECTIONS} connections do not split evenly over ${replicas} replicas`);
  const cluster = await startReplicas(ledger, replicas);
  let runs: Record<string, unknown>[];
  try {
    console.log(`${replicas} API replicas + 1 projector: ${cluster.urls.join(', ')}`);
    const base = (count: number) => ({
      target: 'postgres',
      events,
      head: ledger.head.toString(),
      waitForProjections: WAIT,
      replicas: count,
    });
    runs = await scenarios(cluster.urls[0], [
      { url: cluster.urls[0], base: base(1), label: `postgres ${events} ×1 api` },
      { url: cluster.urls, base: base(replicas), label: `postgres ${events} ×${replicas} api` },
    ]);
  } finally {
    await cluster.stop();
  }
  const of = (count: number, scenario: string) =>
    runs.find((r) => r.replicas === count && r.scenario === scenario) as unknown as Measured;
  const comparison = chosenScenarios().map(({ name, kind }) => {
    const one = of(1, name);
    const n = of(replicas, name);
    return {
      scenario: name,
      kind,
      'req/s ×1': one.requestsPerSecond,
      [`req/s ×${replicas}`]: n.requestsPerSecond,
      ratio: ratio(n.requestsPerSecond, one.requestsPerSecond),
      'p50 ms ×1': one.p50Ms,
      [`p50 ms ×${replicas}`]: n.p50Ms,
      'p99 ms ×1': one.p99Ms,
      [`p99 ms ×${replicas}`]: n.p99Ms,
      'non-2xx ×1': one.non2xx,
      [`non-2xx ×${replicas}`]: n.non2xx,
    };
  });
  const summary = (kind: string) => {
    const rows = comparison.filter((row) => row.kind === kind);
    return {
      scenarios: rows.map((row) => row.scenario),
      /** The geometric mean over these scenarios of their N : 1 throughput ratios. */
      throughputRatio: geometricMean(rows.map((row) => row.ratio ?? 0).filter((r) => r > 0)),
    };
  };
  return { runs, comparison, summary: { queries: summary('query'), commands: summary('command') } };
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
  if (REPLICAS >= 2 && !SEED_ONLY) return measureAllReplicas(targets);
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
  report(`${WAIT ? 'api' : 'api-no-wait'}${ONLY === 'all' ? '' : `-${ONLY}`}`, rows, {
    seconds: SECONDS,
    connections: CONNECTIONS,
    waitForProjections: WAIT,
    targets: { approveAndDisburseCommandsPerSecond: 1000, commandP99Ms: 50, coverageCheckP99Ms: 5 },
  });
}

/** --replicas N: on the PostgreSQL server only (an embedded data folder admits one process). */
async function measureAllReplicas(targets: string[]): Promise<void> {
  if (!Number.isInteger(REPLICAS)) throw new Error(`--replicas must be an integer, got ${REPLICAS}`);
  if (targets.includes('embedded'))
    console.log('embedded: skipped with --replicas (one process at a time may open an embedded data folder)');
  if (!targets.includes('postgres')) return;
  if (!(await serverReachable(benchDatabaseUrl)))
    throw new Error(`--replicas needs the PostgreSQL server, unreachable at ${benchDatabaseUrl}`);
  const results: Record<string, unknown>[] = [];
  const runs: Record<string, unknown>[] = [];
  const summaries: Record<string, unknown>[] = [];
  for (const events of eventsArg(10_000)) {
    const ledger = await seededLedger(benchDatabaseUrl, events, SEED);
    const measured = await measureReplicas(events, ledger, REPLICAS);
    results.push(...measured.comparison.map((row) => ({ events, ...row })));
    runs.push(...measured.runs);
    summaries.push({ events, ...measured.summary });
  }
  // A partial run (--only) does not overwrite the whole one.
  report(`api-replicas${ONLY === 'all' ? '' : `-${ONLY}`}`, results, {
    seconds: SECONDS,
    only: ONLY,
    connections: CONNECTIONS,
    waitForProjections: WAIT,
    replicas: REPLICAS,
    setup:
      `${REPLICAS} API processes (LEDGER_ROLE=api) + 1 projector (LEDGER_ROLE=projector) on one seeded ` +
      'PostgreSQL schema; each scenario run back to back with its load on 1 replica (the others idle) and ' +
      `spread over all ${REPLICAS}, the order alternating; one autocannon instance in one client process, ` +
      'its connections bound round-robin to the replicas; client, PostgreSQL and every process on this one machine',
    targets: { queryThroughputRatio: 1.7 },
    summary: summaries,
    runs,
  });
}

main()
  .finally(() => stopAll())
  .then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
