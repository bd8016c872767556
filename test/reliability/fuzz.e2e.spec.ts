import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { LedgerRuntime } from '@ledger/platform';
import {
  closeTestApp,
  newKey,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type AuthHeaders,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { listen, mad, setUpWorld } from './reliability-support';

/**
 * Bad input, generated: for every POST of the OpenAPI document, a valid body is built from its
 * schema and then broken — a field replaced by a wrong type, a negative, float, huge or
 * exponent/hex number (as a string and as a number), full-width digits, an RTL override, a
 * zero-width space, a NUL, a 10 KB string, a wrong or lower-case currency, an impossible date;
 * a lone surrogate, text made only of invisible or bidi-control characters, year 0000 and 9999,
 * a nested bomb; a field removed, a field added (`__proto__` and `constructor` among them, as own
 * keys of the JSON), the whole body replaced; the path's id valid, unknown, odd or with a NUL.
 * Every answer must be below 500; a 4xx must say what is wrong and leave the log as it was; and
 * where the broken field is an amount, a number, a date, a currency or an id, where the bad value
 * holds a NUL or a lone surrogate anywhere, where a name or reference is left with nothing
 * visible, and where the key added is `__proto__` or `constructor`, the answer must be a 4xx. A 1 MB
 * body gets 413; a body nested 50,000 deep, a huge or odd X-Correlation-Id, NUL in a query or path
 * id and year 0000 in `?asOf` get a 400 naming what is wrong.
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
  '\u0000',
  '\uD800',
  'Thi\uDC00s',
  '\uD83D',
  '\u200B\u200C\u200D',
  '\u202E',
  '\u202E \u202C',
  '\u2066\u2069\u200E',
  '\uFEFF\u00AD',
  '\u3164',
  '0000-01-01',
  '9999-12-31',
  '1899-12-31',
  { name: 'x\u0000' },
  [['\uDFFF']],
  nest(40),
];

/** A value nested `depth` arrays and objects deep. */
function nest(depth: number): Json {
  let value: Json = 'leaf';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A NUL or a lone surrogate anywhere in a value: always refused. */
function holdsInvalidText(value: Json): boolean {
  const text = decodeEscapes(JSON.stringify(value) ?? '');
  return text.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** JSON.stringify writes lone surrogates as \\uXXXX escapes: undo that to see them. */
function decodeEscapes(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text with nothing visible: empty, blank, or only invisible or bidi-control characters. */
const INVISIBLE_ONLY = /^[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** Names, references, labels and reasons a person reads: refused when nothing in them is visible. */
const TEXT_FIELD =
  /^(name|reference|invoiceReference|serviceProvider|description|reason|termDepositReference|label|displayName)$/;

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
  id: 'valid' | 'unknown' | 'odd' | 'nul';
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
  extraName: fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'position', 'grantId', 'x'),
  id: fc.constantFrom<Mutation['id']>('valid', 'valid', 'unknown', 'odd', 'nul'),
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
        .set(newKey())
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
        .set(newKey())
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
                  : mutation.id === 'nul'
                    ? encodeURIComponent(`${ids[name] ?? randomUUID()}\u0000`)
                    : encodeURIComponent('１２\u202E\u200B' + 'z'.repeat(300)),
            );
            let body: Json = valid;
            let broken: string | number = '(none)';
            if (mutation.kind === 'whole') body = mutation.bad;
            else if (mutation.kind === 'extra')
              // An own property even for `__proto__` (as JSON.parse makes it), so that JSON.stringify sends it.
              body = withChange(valid, [mutation.extraName], (parent, key) =>
                Object.defineProperty(parent, key, { value: mutation.bad, enumerable: true, writable: true }),
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
              .set(newKey())
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
              (mutation.id === 'nul' && /\{\w+\}/.test(endpoint.path)) ||
              (mutation.kind === 'extra' && ['__proto__', 'constructor', 'prototype'].includes(mutation.extraName)) ||
              (mutation.kind !== 'delete' && mutation.kind !== 'none' && holdsInvalidText(mutation.bad)) ||
              (mutation.kind === 'replace' &&
                typeof broken === 'string' &&
                ((STRICT_FIELD.test(broken) && !isHarmless(mutation.bad, valid, leaves, mutation.at)) ||
                  (TEXT_FIELD.test(broken) && typeof mutation.bad === 'string' && INVISIBLE_ONLY.test(mutation.bad))))
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

    it('refuses depth bombs, odd correlation ids, NUL in paths and queries and year 0000 with a 400, writing nothing', async () => {
      const principals = await testPrincipals(app);
      const world = await setUpWorld(base, principals);
      const fund = world.funds[0];
      const bomb = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
      const validFund = { name: 'Fuzz fund', currency: 'MAD', createdOn: '2021-01-01' };
      const cases: { what: string; send: () => request.Test; error: string; field?: string }[] = [
        {
          what: 'a body nested 50,000 deep',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .set('Content-Type', 'application/json')
              .send(bomb(50_000)),
          error: 'json-too-deep',
        },
        {
          what: 'a field nested 10,000 deep',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .set('Content-Type', 'application/json')
              .send(`{"name":${bomb(10_000)},"currency":"MAD","createdOn":"2021-01-01"}`),
          error: 'json-too-deep',
        },
        {
          what: 'a 50,000-deep body on a PUT',
          send: () =>
            request(base)
              .put(`/cofinancing/funds/${fund.fundId}/approval-policy`)
              .set(principals.fundManager)
              .set(newKey())
              .set('Content-Type', 'application/json')
              .send(bomb(50_000)),
          error: 'json-too-deep',
        },
        {
          what: 'a 15,000-character X-Correlation-Id',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .set('X-Correlation-Id', 'c'.repeat(15_000))
              .send(validFund),
          error: 'invalid-correlation-id',
          field: 'X-Correlation-Id',
        },
        {
          what: 'an X-Correlation-Id with a bidi override',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .set('X-Correlation-Id', encodeURIComponent('a\u202Eb'))
              .set('X-Correlation-Id', 'a b<script>')
              .send(validFund),
          error: 'invalid-correlation-id',
          field: 'X-Correlation-Id',
        },
        {
          what: 'a NUL in a name',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .send({ ...validFund, name: 'Fonds\u0000' }),
          error: 'invalid-text',
          field: 'name',
        },
        {
          what: 'a lone surrogate in a nested name',
          send: () =>
            request(base)
              .post('/cofinancing/beneficiaries')
              .set(principals.fundManager)
              .set(newKey())
              .set('Content-Type', 'application/json')
              .send('{"name":"C","kind":"consortium","enrolledOn":"2021-03-15","memberFirms":[{"name":"\\ud800"}]}'),
          error: 'invalid-text',
          field: 'memberFirms.0.name',
        },
        {
          what: 'a name of zero-width and bidi characters',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .send({ ...validFund, name: '\u200B\u202E\u2066\uFEFF' }),
          error: 'validation-failed',
          field: 'name',
        },
        {
          what: 'an own __proto__ key',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .set('Content-Type', 'application/json')
              .send('{"name":"F","currency":"MAD","createdOn":"2021-01-01","__proto__":{"isAdmin":true}}'),
          error: 'validation-failed',
          field: '__proto__',
        },
        {
          what: 'a constructor key',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .send({ ...validFund, constructor: { prototype: {} } }),
          error: 'validation-failed',
          field: 'constructor',
        },
        {
          what: 'a creation dated 0000-01-01',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .send({ ...validFund, createdOn: '0000-01-01' }),
          error: 'business-date-out-of-range',
          field: 'createdOn',
        },
        {
          what: 'a creation dated 9999-12-31',
          send: () =>
            request(base)
              .post('/cofinancing/funds')
              .set(principals.fundManager)
              .set(newKey())
              .send({ ...validFund, createdOn: '9999-12-31' }),
          error: 'business-date-out-of-range',
          field: 'createdOn',
        },
        {
          what: 'a NUL in a path id',
          // (the generated cases above put a NUL in the id of every command's path)
          send: () =>
            request(base)
              .get(`/cofinancing/grants/${encodeURIComponent('g\u0000')}`)
              .set(principals.fundManager),
          error: 'invalid-text',
          field: 'path:grantId',
        },
        {
          what: 'a NUL in a query',
          send: () =>
            request(base)
              .get(`/cofinancing/funds/${fund.fundId}`)
              .query({ asOf: '2021\u0000' })
              .set(principals.fundManager),
          error: 'invalid-text',
          field: 'query:asOf',
        },
        {
          what: '?asOf=0000-01-01',
          send: () =>
            request(base)
              .get(`/cofinancing/funds/${fund.fundId}`)
              .query({ asOf: '0000-01-01' })
              .set(principals.fundManager),
          error: 'business-date-out-of-range',
          field: 'asOf',
        },
        {
          what: '?asOf=9999-12-31',
          send: () =>
            request(base)
              .get(`/cofinancing/funds/${fund.fundId}`)
              .query({ asOf: '9999-12-31' })
              .set(principals.fundManager),
          error: 'business-date-out-of-range',
          field: 'asOf',
        },
      ];
      const failures: string[] = [];
      for (const { what, send, error, field } of cases) {
        const before = await runtime.store.headPosition();
        const response = await send();
        const answer = `${what} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
        if (response.status !== 400 || response.body?.error !== error)
          failures.push(`${answer}: expected 400 ${error}`);
        else if (typeof response.body.message !== 'string') failures.push(`${answer}: no message`);
        else if (field !== undefined && response.body.fields?.[0]?.field !== field)
          failures.push(`${answer}: not naming ${field}`);
        if ((await runtime.store.headPosition()) !== before) failures.push(`${answer}: the log changed`);
      }
      expect(failures).toEqual([]);
      // The same command with a plain correlation id is recorded, under that id.
      const before = await runtime.store.headPosition();
      const accepted = await request(base)
        .post('/cofinancing/funds')
        .set(principals.fundManager)
        .set(newKey())
        .set('X-Correlation-Id', 'batch-2021/07:fund@client')
        .send(validFund);
      expect(accepted.status).toBe(201);
      const recorded = await runtime.store.readAll({ afterPosition: before, maxCount: 10 });
      expect(recorded.length).toBeGreaterThan(0);
      expect(recorded.map((event) => event.metadata.correlationId)).toEqual(
        recorded.map(() => 'batch-2021/07:fund@client'),
      );
    });

    it('refuses a 1 MB body with 413 and writes nothing', async () => {
      const principals = await testPrincipals(app);
      const before = await runtime.store.headPosition();
      const response = await request(base)
        .post('/cofinancing/funds')
        .set(newKey())
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
