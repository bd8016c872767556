import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig, testPrincipals, type AuthHeaders } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { listen, mad, setUpWorld } from './reliability-support';

/**
 * Bad input, generated: for every POST of the OpenAPI document, a valid body is built from its
 * schema and then broken — a field replaced by a wrong type, a negative, float, huge or
 * exponent/hex number (as a string and as a number), full-width digits, an RTL override, a
 * zero-width space, a NUL, a 10 KB string, a wrong or lower-case currency, an impossible date;
 * a field removed, a field added, the whole body replaced; the path's id valid, unknown or odd.
 * Every answer must be below 500; a 4xx must say what is wrong and leave the log as it was; and
 * where the broken field is an amount, a number, a date, a currency or an id, the answer must be
 * a 4xx. A 1 MB body gets 413.
 */
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS ?? 20);

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  format?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  nullable?: boolean;
};
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const BAD_VALUES: Json[] = [
  -1,
  0,
  1.5,
  -100000,
  1e308,
  2 ** 64,
  Number.MAX_SAFE_INTEGER + 2,
  '-1',
  '1.5',
  '0',
  '00012',
  '1e5',
  '0x10',
  '+5',
  ' 12',
  '１２３',
  '12\u202E34',
  '\u200B123',
  '1\u0000',
  'Infinity',
  'NaN',
  '9'.repeat(400),
  'x'.repeat(10_000),
  '',
  ' ',
  'mad',
  'USD',
  'XXX',
  '2021-02-30',
  '2021-13-01',
  '21-06-01',
  '2021-06-01T00:00:00Z',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE ledger_events; --",
  true,
  null,
  [],
  {},
  { amountMinor: '100', currency: 'MAD' },
  { amountMinor: 100, currency: 'MAD' },
  { amountMinor: '-100', currency: 'MAD' },
  { amountMinor: '100', currency: 'EUR' },
];

/** Fields whose breakage must always be refused: amounts, numbers, dates, currencies, ids. */
const STRICT_FIELD = {
  // Case matters for the suffixes: `reason` ends in "on" but is free text.
  test: (field: string) =>
    /(amount|Minor|currency|multiplier|rate|years|schedule|cap|principal|eligibleCost)/i.test(field) ||
    /(On|Date|Bp|Id)$/.test(field),
};

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  if (schema.allOf?.length) return resolve(schema.allOf[0], components);
  return schema;
}

/** A plausible valid value for a schema: its example, else a value of its type. */
function sample(schema: Schema, components: Record<string, Schema>, name = '', depth = 0): Json {
  const s = resolve(schema, components);
  if (s.example !== undefined) return s.example as Json;
  if (s.enum?.length) return s.enum[0] as Json;
  if (s.oneOf?.length) return sample(s.oneOf[0], components, name, depth + 1);
  if (s.type === 'object' || s.properties) {
    const out: Record<string, Json> = {};
    if (depth > 6) return out;
    for (const [key, child] of Object.entries(s.properties ?? {})) out[key] = sample(child, components, key, depth + 1);
    return out;
  }
  if (s.type === 'array') return s.items ? [sample(s.items, components, name, depth + 1)] : [];
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return true;
  if (/(On|Date|From|Until)$/.test(name)) return '2021-06-01';
  if (name === 'amountMinor') return '1000';
  return `fuzz ${name}`;
}

/** Paths (as key lists) to every node of a JSON value but the root. */
function nodes(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...nodes(child, [...prefix, key])]);
}

function withChange(
  value: Json,
  path: (string | number)[],
  change: (parent: Json[] | Record<string, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  change(parent as Record<string, Json>, path[path.length - 1]);
  return copy;
}

interface Mutation {
  kind: 'replace' | 'delete' | 'extra' | 'whole' | 'none';
  at: number;
  bad: Json;
  extraName: string;
  id: 'valid' | 'unknown' | 'odd';
}

const mutations: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'replace', 'delete', 'extra', 'whole', 'none'),
  at: fc.nat(),
  bad: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...BAD_VALUES) },
    { weight: 1, arbitrary: fc.double() as fc.Arbitrary<Json> },
    { weight: 1, arbitrary: fc.bigInt().map((n) => n.toString()) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  ),
  extraName: fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'position', 'grantId', 'x'),
  id: fc.constantFrom<Mutation['id']>('valid', 'valid', 'unknown', 'odd'),
});

for (const kind of testDatabaseKinds()) {
  describe(`every command endpoint refuses generated bad input with a 4xx, on ${kind}`, () => {
    let app: INestApplication;
    let runtime: LedgerRuntime;
    let base: string;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      process.env.RATE_LIMIT_PER_MINUTE = '1000000';
      app = await createApp(config, { logger: false });
      runtime = app.get(LedgerRuntime);
      base = await listen(app);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('never answers 5xx, names the problem, and writes nothing', async () => {
      const principals = await testPrincipals(app);
      const world = await setUpWorld(base, principals);
      const fund = world.funds[0];
      const grant = await request(base)
        .post('/cofinancing/grants')
        .set(principals.fundManager)
        .send({
          fundId: fund.fundId,
          windowId: fund.windowId,
          beneficiaryId: world.beneficiaries[0],
          serviceProvider: 'Maroc Export',
          description: 'fuzz',
          eligibleCost: mad(100_000),
          requestedOn: '2021-06-01',
        })
        .expect(201);
      const guarantee = await request(base)
        .post(`/bank-conventions/${world.conventions[0]}/guarantees`)
        .set(principals.guaranteeOfficer)
        .send({
          memberId: world.members[0],
          loanReference: 'FUZZ-1',
          principal: { amountMinor: '10000000', currency: 'XOF' },
          loanStartDate: '2021-05-01',
          maturityDate: '2023-05-01',
          issuedOn: '2021-05-01',
        })
        .expect(201);
      const ids: Record<string, string> = {
        fundId: fund.fundId,
        windowId: fund.windowId,
        grantId: grant.body.grantId,
        beneficiaryId: world.beneficiaries[0],
        companyId: world.companyId,
        memberId: world.members[1],
        conventionId: world.conventions[0],
        guaranteeId: guarantee.body.guaranteeId,
        federationId: randomUUID(),
        depositId: randomUUID(),
        userId: 'test-auditor',
        keyId: randomUUID(),
        bankId: 'CNCAS',
      };
      const principalFor = (path: string): AuthHeaders =>
        path.startsWith('/access')
          ? principals.admin
          : path.startsWith('/cofinancing')
            ? principals.fundManager
            : path.startsWith('/audit')
              ? principals.auditor
              : principals.guaranteeOfficer;

      const docs = await request(base).get('/docs/json').expect(200);
      const components = (docs.body.components?.schemas ?? {}) as Record<string, Schema>;
      const endpoints = Object.entries(
        docs.body.paths as Record<
          string,
          Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>
        >,
      )
        .filter(([, operations]) => operations.post)
        .map(([path, operations]) => ({
          path,
          schema: operations.post.requestBody?.content?.['application/json']?.schema,
        }));
      expect(endpoints.length).toBeGreaterThan(25);

      const failures: string[] = [];
      let checked = 0;
      for (const endpoint of endpoints) {
        const valid = endpoint.schema ? sample(endpoint.schema, components) : {};
        const leaves = nodes(valid);
        await fc.assert(
          fc.asyncProperty(mutations, async (mutation) => {
            const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) =>
              mutation.id === 'valid'
                ? (ids[name] ?? randomUUID())
                : mutation.id === 'unknown'
                  ? randomUUID()
                  : encodeURIComponent('１２\u202E\u200B' + 'z'.repeat(300)),
            );
            let body: Json = valid;
            let broken: string | number = '(none)';
            if (mutation.kind === 'whole') body = mutation.bad;
            else if (mutation.kind === 'extra')
              body = withChange(
                valid,
                [mutation.extraName],
                (parent, key) => ((parent as Record<string, Json>)[key] = mutation.bad),
              );
            else if (leaves.length > 0 && (mutation.kind === 'replace' || mutation.kind === 'delete')) {
              const target = leaves[mutation.at % leaves.length];
              broken = target[target.length - 1];
              body = withChange(valid, target, (parent, key) => {
                if (mutation.kind === 'delete' && !Array.isArray(parent)) delete parent[key];
                else (parent as Record<string | number, Json>)[key] = mutation.bad;
              });
            }
            const headBefore = await runtime.store.headPosition();
            const response = await request(base)
              .post(path)
              .set(principalFor(endpoint.path))
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body));
            checked += 1;
            const what = `POST ${endpoint.path} [${mutation.kind} ${String(broken)} = ${JSON.stringify(mutation.bad)?.slice(0, 60)}, id ${mutation.id}] → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
            if (response.status >= 500) failures.push(what);
            else if (response.status >= 400) {
              if (typeof response.body?.message !== 'string' && !Array.isArray(response.body?.message))
                failures.push(`${what}: no message`);
              if ((await runtime.store.headPosition()) !== headBefore) failures.push(`${what}: the log changed`);
            } else if (
              mutation.kind === 'whole' ||
              (mutation.kind === 'replace' &&
                typeof broken === 'string' &&
                STRICT_FIELD.test(broken) &&
                !isHarmless(mutation.bad, valid, leaves, mutation.at))
            ) {
              failures.push(`${what}: accepted`);
            }
          }),
          { numRuns: RUNS_PER_ENDPOINT, seed: 20_261_126 },
        );
      }
      expect(failures).toEqual([]);
      expect(checked).toBe(endpoints.length * RUNS_PER_ENDPOINT);
    });

    it('refuses a 1 MB body with 413 and writes nothing', async () => {
      const principals = await testPrincipals(app);
      const before = await runtime.store.headPosition();
      const response = await request(base)
        .post('/cofinancing/funds')
        .set(principals.fundManager)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: 'x'.repeat(1024 * 1024), currency: 'MAD', createdOn: '2021-01-01' }));
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ statusCode: 413 });
      expect(typeof response.body.message).toBe('string');
      expect(await runtime.store.headPosition()).toBe(before);
    });
  });
}

/** A replacement that is itself a valid value of that field (e.g. a plausible money object put where money goes). */
function isHarmless(bad: Json, valid: Json, leaves: (string | number)[][], at: number): boolean {
  const target = leaves[at % leaves.length];
  let current: Json = valid;
  for (const key of target) current = (current as Record<string | number, Json>)[key];
  return (
    JSON.stringify(current) === JSON.stringify(bad) ||
    (typeof bad === 'object' &&
      bad !== null &&
      !Array.isArray(bad) &&
      'amountMinor' in bad &&
      typeof bad.amountMinor === 'string' &&
      /^[1-9]\d*$/.test(bad.amountMinor))
  );
}
