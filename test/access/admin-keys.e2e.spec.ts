import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LedgerRuntime } from '@ledger/platform';
import {
  closeTestApp,
  newKey,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';

/** An admin's work: users and keys through HTTP; a key is shown once, stored hashed, revocable. */
for (const kind of testDatabaseKinds()) {
  describe(`users and API keys through HTTP, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let p: TestPrincipals;
    const http = () => request(app.getHttpServer());
    const bearer = (apiKey: string) => ({ Authorization: `Bearer ${apiKey}` });
    const newFund = { name: 'Fonds test', currency: 'MAD', createdOn: '2021-01-01' };

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      p = await testPrincipals(app);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('creates a user and a key; the key is shown once, works, and is stored only as a hash', async () => {
      const user = await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'amina', role: 'fund_manager', displayName: 'Amina' })
        .expect(201);
      expect(user.body).toMatchObject({ userId: 'amina', role: 'fund_manager', bankId: null, createdBy: 'test-admin' });

      const created = await http()
        .post('/access/api-keys')
        .set(p.admin)
        .set('Idempotency-Key', 'key-for-amina')
        .send({ userId: 'amina', label: 'laptop' })
        .expect(201);
      expect(created.headers['cache-control']).toBe('no-store');
      const { apiKey, keyId } = created.body as { apiKey: string; keyId: string };
      expect(apiKey).toMatch(new RegExp(`^lk_${keyId}_[A-Za-z0-9_-]{43}$`));

      const me = await http().get('/access/me').set(bearer(apiKey)).expect(200);
      expect(me.body).toEqual({ userId: 'amina', role: 'fund_manager', bankId: null, keyId });
      await http().post('/cofinancing/funds').set(newKey()).set(bearer(apiKey)).send(newFund).expect(201);

      // Listed without its secret; the secret is nowhere in the database (not even the idempotency table).
      const keys = await http().get('/access/api-keys?userId=amina').set(p.admin).expect(200);
      expect(keys.body.items).toEqual([
        expect.objectContaining({ keyId, userId: 'amina', role: 'fund_manager', revokedAt: null }),
      ]);
      expect(JSON.stringify(keys.body)).not.toContain(apiKey.slice(16));
      const dump: unknown = await app
        .get(LedgerRuntime)
        .dataSource.query(
          'SELECT (SELECT json_agg(k)::text FROM access_api_keys k) AS keys, (SELECT json_agg(i)::text FROM idempotency_keys i) AS idem',
        );
      expect(JSON.stringify(dump)).not.toContain(apiKey.slice(16));
    });

    it('refuses bad users: unknown role, a bank without its bank, a taken id', async () => {
      const bad = await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'x', role: 'superuser' })
        .expect(400);
      expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'role' })]);
      const noBank = await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'bank-x', role: 'bank' })
        .expect(400);
      expect(noBank.body.fields).toEqual([expect.objectContaining({ field: 'bankId' })]);
      await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'aud-x', role: 'auditor', bankId: 'CNCAS' })
        .expect(400);
      await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'amina', role: 'auditor' })
        .expect(409);
      await http().post('/access/api-keys').set(newKey()).set(p.admin).send({ userId: 'nobody' }).expect(404);
    });

    it('a revoked key answers 401 at once; a disabled user loses every key', async () => {
      await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'bank-user', role: 'bank', bankId: 'BOA' })
        .expect(201);
      const first = (
        await http().post('/access/api-keys').set(newKey()).set(p.admin).send({ userId: 'bank-user' }).expect(201)
      ).body;
      const second = (
        await http().post('/access/api-keys').set(newKey()).set(p.admin).send({ userId: 'bank-user' }).expect(201)
      ).body;
      await http().get('/banks/BOA/conventions').set(bearer(first.apiKey)).expect(200);

      const revoked = await http().delete(`/access/api-keys/${first.keyId}`).set(newKey()).set(p.admin).expect(200);
      expect(revoked.body).toMatchObject({ keyId: first.keyId, revokedBy: 'test-admin' });
      expect(revoked.body.revokedAt).not.toBeNull();
      await http().get('/banks/BOA/conventions').set(bearer(first.apiKey)).expect(401);
      await http().get('/banks/BOA/conventions').set(bearer(second.apiKey)).expect(200);

      const disabled = await http().delete('/access/users/bank-user').set(newKey()).set(p.admin).expect(200);
      expect(disabled.body.disabledAt).not.toBeNull();
      await http().get('/banks/BOA/conventions').set(bearer(second.apiKey)).expect(401);
      await http().post('/access/api-keys').set(newKey()).set(p.admin).send({ userId: 'bank-user' }).expect(409);
      await http().delete('/access/api-keys/000000000000').set(newKey()).set(p.admin).expect(404);

      const changes = await http().get('/access/changes').set(p.auditor).expect(200);
      expect(changes.body.items.map((c: { action: string; subject: string }) => `${c.action} ${c.subject}`)).toEqual(
        expect.arrayContaining([
          'user-created bank-user',
          `api-key-created ${first.keyId}`,
          `api-key-revoked ${first.keyId}`,
          'user-disabled bank-user',
        ]),
      );
    });

    it('scopes Idempotency-Keys by the authenticated actor, not by a header', async () => {
      await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'omar', role: 'fund_manager' })
        .expect(201);
      const omar = bearer(
        (await http().post('/access/api-keys').set(newKey()).set(p.admin).send({ userId: 'omar' })).body.apiKey,
      );
      const first = await http()
        .post('/cofinancing/funds')
        .set(p.fundManager)
        .set('Idempotency-Key', 'fund-1')
        .send(newFund)
        .expect(201);
      const replay = await http()
        .post('/cofinancing/funds')
        .set(p.fundManager)
        .set('X-Actor', 'omar')
        .set('Idempotency-Key', 'fund-1')
        .send(newFund)
        .expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      const other = await http()
        .post('/cofinancing/funds')
        .set(omar)
        .set('Idempotency-Key', 'fund-1')
        .send(newFund)
        .expect(201);
      expect(other.headers['idempotent-replayed']).toBeUndefined();
      expect(other.body.fundId).not.toBe(first.body.fundId);
    });

    it('sends secure headers', async () => {
      const api = await http().get('/health').expect(200);
      expect(api.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
      });
      expect(api.headers['content-security-policy']).toContain("default-src 'self'");
      expect(api.headers['content-security-policy']).toContain("script-src 'self';");
      expect(api.headers['x-powered-by']).toBeUndefined();
      const docs = await http().get('/docs/').expect(200);
      expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    });
  });
}
