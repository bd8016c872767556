import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LedgerRuntime } from '@ledger/platform';
import {
  closeTestApp,
  newKey,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type AuthHeaders,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp, HEADERS_TIMEOUT_MS } from '../../apps/api/src/bootstrap';

/**
 * The HTTP edges of the API contract: every command needs an Idempotency-Key and honours it
 * (POST, PUT and DELETE, `/access` included); the framework's own errors answer the ledger's body;
 * health is never rate-limited; TRUST_PROXY decides whose address a request is; slow headers are
 * cut at the time the README states.
 */
const ledgerBody = (statusCode: number, error: string) => ({ statusCode, error, message: expect.any(String) });

for (const kind of testDatabaseKinds()) {
  describe(`the API contract, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let p: TestPrincipals;
    const http = () => request(app.getHttpServer());
    const head = async () => (await http().get('/health').expect(200)).body.headPosition as string;
    const accessRows = async () =>
      JSON.stringify(
        await app.get(LedgerRuntime).dataSource.query(
          `SELECT (SELECT count(*) FROM access_users) AS users, (SELECT count(*) FROM access_api_keys) AS keys,
                    (SELECT count(*) FROM access_api_keys WHERE revoked_at IS NOT NULL) AS revoked,
                    (SELECT count(*) FROM access_users WHERE disabled_at IS NOT NULL) AS disabled`,
        ),
      );

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      p = await testPrincipals(app);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    async function fund(): Promise<string> {
      const created = await http()
        .post('/cofinancing/funds')
        .set(p.fundManager)
        .set(newKey())
        .send({ name: 'Fonds', currency: 'MAD', createdOn: '2021-01-01' })
        .expect(201);
      return created.body.fundId as string;
    }

    it('refuses every POST, PUT and DELETE of the OpenAPI document without an Idempotency-Key, writing nothing', async () => {
      const fundId = await fund();
      const document = (await http().get('/docs/json').expect(200)).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const before = { head: await head(), access: await accessRows() };
      const principals: AuthHeaders[] = [p.admin, p.fundManager, p.guaranteeOfficer];
      let commands = 0;
      for (const [template, item] of Object.entries(document.paths)) {
        for (const method of ['post', 'put', 'delete'] as const) {
          if (!item[method]) continue;
          commands += 1;
          // A real fund id where one is asked (a closure of a real grant would be applied today);
          // other ids need not exist: the key is checked before anything is looked up.
          const path = template.replace('{fundId}', fundId).replace(/\{[^}]+\}/g, randomUUID());
          const statuses: number[] = [];
          for (const principal of principals) {
            const answer = await http()[method](path).set(principal).send({ name: 'x', closedOn: '2021-06-01' });
            statuses.push(answer.status);
            expect(answer.status).toBeGreaterThanOrEqual(400);
            if (answer.status === 400) {
              expect(answer.body).toEqual({
                ...ledgerBody(400, 'idempotency-key-required'),
                details: { field: 'Idempotency-Key' },
                fields: [{ field: 'Idempotency-Key', reasons: [answer.body.message] }],
              });
            } else {
              // Only the access guard's refusals come before the key is checked.
              expect([403, 404]).toContain(answer.status);
            }
          }
          if (!statuses.includes(400)) throw new Error(`${method.toUpperCase()} ${template}: no 400 (${statuses})`);
        }
      }
      expect(commands).toBeGreaterThan(30);
      expect(document.paths['/access/api-keys/{keyId}']?.delete).toBeDefined();
      expect(await head()).toBe(before.head);
      expect(await accessRows()).toBe(before.access);
      // A key that is only spaces is no key; without authentication the 401 comes first.
      const blank = await http().post('/cofinancing/funds').set(p.fundManager).set('Idempotency-Key', '  ').send({});
      expect(blank.body.error).toBe('idempotency-key-required');
      await http().post('/cofinancing/funds').send({}).expect(401);
    });

    it('says in the OpenAPI document that every command requires the key', async () => {
      const document = (await http().get('/docs/json').expect(200)).body;
      for (const operation of [
        document.paths['/cofinancing/funds'].post,
        document.paths['/access/api-keys/{keyId}'].delete,
        document.paths['/guarantee-companies/{companyId}/approval-policy'].put,
      ]) {
        const keys = operation.parameters.filter((parameter: { name: string }) => parameter.name === 'Idempotency-Key');
        expect(keys).toEqual([expect.objectContaining({ in: 'header', required: true })]);
        expect(operation.responses['400']).toBeDefined();
      }
      expect(document.paths['/cofinancing/funds'].get.parameters ?? []).not.toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key' }),
      );
    });

    it('creates one API key for three POSTs with one Idempotency-Key, and shows its secret only once', async () => {
      const key = randomUUID();
      const send = (body: object) =>
        http().post('/access/api-keys').set(p.admin).set('Idempotency-Key', key).send(body);
      const before = await accessRows();
      const body = { userId: p.userIds.auditor, label: 'reporting' };
      const first = await send(body).expect(201);
      expect(first.body.apiKey).toMatch(/^lk_/);
      const after = await accessRows();
      expect(after).not.toBe(before);
      const replays = [await send(body).expect(201), await send(body).expect(201)];
      const { apiKey, ...metadata } = first.body as Record<string, unknown>;
      for (const replay of replays) {
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.headers['cache-control']).toBe('no-store');
        expect(replay.body).toEqual({ ...metadata, apiKeyOmitted: expect.stringMatching(/shown only in the first/) });
        expect(replay.text).not.toContain(String(apiKey).slice(16));
      }
      expect(await accessRows()).toBe(after);
      // The first answer's key works; the same Idempotency-Key for another request is refused.
      await http()
        .get('/access/me')
        .set('Authorization', `Bearer ${String(apiKey)}`)
        .expect(200);
      const other = await send({ userId: p.userIds.auditor, label: 'other' }).expect(409);
      expect(other.body).toEqual(ledgerBody(409, 'idempotency-key-reused'));
      expect(await accessRows()).toBe(after);
    });

    it('applies a PUT once per Idempotency-Key and answers its repeat byte for byte; another body with it is 409', async () => {
      const fundId = await fund();
      const path = `/cofinancing/funds/${fundId}/approval-policy`;
      const policy = {
        approveGrantAbove: { amountMinor: '10000000', currency: 'MAD' },
        proposalTtlHours: 48,
        setOn: '2021-01-02',
      };
      const key = randomUUID();
      const first = await http().put(path).set(p.fundManager).set('Idempotency-Key', key).send(policy).expect(200);
      const afterFirst = await head();
      const again = await http().put(path).set(p.fundManager).set('Idempotency-Key', key).send(policy).expect(200);
      expect(again.text).toBe(first.text);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await head()).toBe(afterFirst);
      const other = await http()
        .put(path)
        .set(p.fundManager)
        .set('Idempotency-Key', key)
        .send({ ...policy, proposalTtlHours: 24 })
        .expect(409);
      expect(other.body).toMatchObject(ledgerBody(409, 'idempotency-key-reused'));
      expect(await head()).toBe(afterFirst);
    });

    it('applies a DELETE once per Idempotency-Key and answers its repeat byte for byte', async () => {
      await http()
        .post('/access/users')
        .set(p.admin)
        .set(newKey())
        .send({ userId: 'leaving', role: 'auditor' })
        .expect(201);
      const key = randomUUID();
      const first = await http().delete('/access/users/leaving').set(p.admin).set('Idempotency-Key', key);
      expect(first.status).toBeLessThan(300);
      const rows = await accessRows();
      const again = await http().delete('/access/users/leaving').set(p.admin).set('Idempotency-Key', key);
      expect(again.status).toBe(first.status);
      expect(again.text).toBe(first.text);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await accessRows()).toBe(rows);
    });

    it('answers an unknown route, malformed JSON and a too large body with the ledger’s error body', async () => {
      const unknown = await http().get('/no/such/route').set(p.admin).expect(404);
      expect(unknown.body).toEqual(ledgerBody(404, 'route-not-found'));
      expect(unknown.body.message).toContain('GET /no/such/route');
      const before = await head();
      const malformed = await http()
        .post('/cofinancing/funds')
        .set(p.fundManager)
        .set(newKey())
        .set('Content-Type', 'application/json')
        .send('{"name": "Fonds", ');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual(ledgerBody(400, 'malformed-json'));
      const large = await http()
        .post('/cofinancing/funds')
        .set(p.fundManager)
        .set(newKey())
        .send({ name: 'x'.repeat(200_000), currency: 'MAD', createdOn: '2021-01-01' });
      expect(large.status).toBe(413);
      expect(large.body).toEqual({ ...ledgerBody(413, 'payload-too-large'), details: { limitBytes: 102_400 } });
      expect(await head()).toBe(before);
    });
  });

  describe(`rate limits and the client address, on ${kind}`, () => {
    const saved = process.env.RATE_LIMIT_PER_MINUTE;
    const apps: { app: INestApplication; dropSchema: () => Promise<void> }[] = [];
    /** An app with a limit of 3 requests a minute; `trustProxy` as TRUST_PROXY would set it. */
    async function limitedApp(trustProxy: boolean | string): Promise<INestApplication> {
      const { config, dropSchema } = testLedgerConfig(kind);
      process.env.RATE_LIMIT_PER_MINUTE = '3';
      try {
        const app = await createApp({ ...config, trustProxy }, { logger: false });
        await app.init();
        apps.push({ app, dropSchema });
        return app;
      } finally {
        if (saved === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
        else process.env.RATE_LIMIT_PER_MINUTE = saved;
      }
    }
    afterAll(async () => {
      for (const { app, dropSchema } of apps) await closeTestApp(app, dropSchema);
    });

    it('answers 429 rate-limited with Retry-After to anonymous traffic, and never to /health', async () => {
      const app = await limitedApp(false);
      const http = () => request(app.getHttpServer());
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await http().get('/access/me')).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      const limited = await http().get('/access/me').expect(429);
      expect(limited.body).toEqual(ledgerBody(429, 'rate-limited'));
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The probes, from the same address, are not counted and never refused.
      for (let i = 0; i < 10; i++) {
        await http().get('/health').expect(200);
        await http().get('/health/live').expect(200);
        await http().get('/health/ready').expect(200);
      }
      // Nor does a burst of them fail: concurrent checks share one round trip to the database.
      const burst = await Promise.all(Array.from({ length: 40 }, () => http().get('/health')));
      expect(burst.map((answer) => answer.status)).toEqual(burst.map(() => 200));
      await http().get('/access/me').expect(429);
    });

    it('counts per client address behind a trusted proxy (X-Forwarded-For), and ignores the header otherwise', async () => {
      const trusting = await limitedApp('loopback');
      const from = (address: string) =>
        request(trusting.getHttpServer()).get('/access/me').set('X-Forwarded-For', address);
      for (let i = 0; i < 3; i++) await from('203.0.113.7').expect(401);
      await from('203.0.113.7').expect(429);
      await from('198.51.100.20').expect(401);
      const principals = await testPrincipals(trusting);
      const denials = await request(trusting.getHttpServer()).get('/access/denials').set(principals.auditor);
      expect(JSON.stringify(denials.body)).toContain('198.51.100.20');

      const direct = await limitedApp(false);
      const spoofed = (address: string) =>
        request(direct.getHttpServer()).get('/access/me').set('X-Forwarded-For', address);
      for (let i = 0; i < 3; i++) await spoofed(`192.0.2.${i}`).expect(401);
      await spoofed('192.0.2.99').expect(429);
    });
  });
}

describe('slow request headers', () => {
  const { config, dropSchema } = testLedgerConfig(testDatabaseKinds()[0]!);
  let app: INestApplication;
  beforeAll(async () => {
    app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => closeTestApp(app, dropSchema));

  it(`closes a connection whose headers are not complete within ${HEADERS_TIMEOUT_MS / 1000} s, as the README states`, async () => {
    const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
    const started = Date.now();
    const { elapsed, answer } = await new Promise<{ elapsed: number; answer: string }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /health HTTP/1.1\r\nHost: ledger\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve({ elapsed: Date.now() - started, answer }));
      socket.on('error', reject);
      // Far past the stated time (Node's default check closed it only after 30 to 40 s).
      setTimeout(() => {
        socket.destroy();
        reject(new Error('the connection was still open after 20 s'));
      }, 20_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(elapsed).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
  }, 30_000);
});
