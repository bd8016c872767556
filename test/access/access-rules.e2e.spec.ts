import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccessService, AccessStore, ADMIN_KEY_FILE } from '@ledger/access';
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

/**
 * Issue #15, access rules: the last admin who can act cannot be disabled (nor its last key
 * revoked), even by two requests at once; the ledger's own actor names are reserved; and a
 * restart with LEDGER_ADMIN_API_KEY set to a key already stored starts.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the last active admin, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    const bearer = (apiKey: string) => ({ Authorization: `Bearer ${apiKey}` });
    const changes = async (admin: AuthHeaders) =>
      (await http().get('/access/changes?limit=200').set(admin).expect(200)).body.total as number;

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      // test-admin alone: the admin the start generates when it has a folder to write its key to goes.
      const p = await testPrincipals(app);
      const access = app.get(AccessService);
      for (const user of await access.users())
        if (user.role === 'admin' && user.userId !== p.userIds.admin)
          await access.disableUser(user.userId, 'test-setup');
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('cannot be disabled, nor lose its last key: 409 last-active-admin, nothing changed', async () => {
      const p = await testPrincipals(app);
      const before = await changes(p.admin);
      const disable = await http().delete(`/access/users/${p.userIds.admin}`).set(newKey()).set(p.admin).expect(409);
      expect(disable.body).toMatchObject({
        statusCode: 409,
        error: 'last-active-admin',
        details: { userId: p.userIds.admin },
      });
      const [key] = await app.get(AccessService).keys(p.userIds.admin);
      const revoke = await http().delete(`/access/api-keys/${key.keyId}`).set(newKey()).set(p.admin).expect(409);
      expect(revoke.body).toMatchObject({ error: 'last-active-admin', details: { userId: p.userIds.admin } });
      // Still an admin with its key; nothing recorded.
      await http().get('/access/me').set(p.admin).expect(200);
      expect(await changes(p.admin)).toBe(before);
      // Other users go as before.
      await http()
        .post('/access/users')
        .set(newKey())
        .set(p.admin)
        .send({ userId: 'leaver', role: 'auditor' })
        .expect(201);
      await http().delete('/access/users/leaver').set(newKey()).set(p.admin).expect(200);
    });

    it('with a second key, lets one key go but not the other', async () => {
      const p = await testPrincipals(app);
      const access = app.get(AccessService);
      const spare = await access.issueKey(p.userIds.admin, 'spare', 'test-setup');
      await http().delete(`/access/api-keys/${spare.keyId}`).set(newKey()).set(p.admin).expect(200);
      await http().get('/access/me').set(bearer(spare.apiKey)).expect(401);
      await http().get('/access/me').set(p.admin).expect(200);
    });

    it('holds when two requests disable the last two admins at once: one passes, one gets 409', async () => {
      const p = await testPrincipals(app);
      const access = app.get(AccessService);
      await access.createUser({ userId: 'ops', role: 'admin' }, 'test-setup');
      const ops = await access.issueKey('ops', 'ops', 'test-setup');
      const answers = await Promise.all([
        http().delete('/access/users/ops').set(newKey()).set(p.admin),
        http().delete(`/access/users/${p.userIds.admin}`).set(newKey()).set(bearer(ops.apiKey)),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)!.body.error).toBe('last-active-admin');
      const users = await access.users();
      const activeAdmins = users.filter((user) => user.role === 'admin' && user.disabledAt === null);
      expect(activeAdmins).toHaveLength(1);
      // The one left still acts.
      const survivor = activeAdmins[0].userId === 'ops' ? bearer(ops.apiKey) : p.admin;
      await http().get('/access/me').set(survivor).expect(200);
    });

    it('decides two disablings one after the other, even when both would read the admins first', async () => {
      const access = app.get(AccessService);
      await access.createUser({ userId: 'ops-2', role: 'admin' }, 'test-setup');
      await access.issueKey('ops-2', 'ops-2', 'test-setup');
      const admins = (await access.users()).filter((user) => user.role === 'admin' && user.disabledAt === null);
      expect(admins).toHaveLength(2);
      // Each waits, after reading the active admins, for the other to have read them too (or 1 s):
      // without the lock both would read two admins and both disable. With it the second reads after
      // the first committed.
      const read = AccessStore.prototype.activeAdmins;
      let arrived = 0;
      let bothRead!: () => void;
      const barrier = new Promise<void>((done) => (bothRead = done));
      const spy = jest.spyOn(AccessStore.prototype, 'activeAdmins').mockImplementation(async function (
        this: AccessStore,
      ) {
        const found = await read.call(this);
        if (++arrived === 2) bothRead();
        await Promise.race([barrier, new Promise((done) => setTimeout(done, 1_000))]);
        return found;
      });
      try {
        const results = await Promise.allSettled(admins.map((admin) => access.disableUser(admin.userId, 'test-setup')));
        expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason.getResponse()).toMatchObject({ error: 'last-active-admin' });
      } finally {
        spy.mockRestore();
      }
      const left = (await access.users()).filter((user) => user.role === 'admin' && user.disabledAt === null);
      expect(left).toHaveLength(1);
    });
  });

  describe(`reserved user ids, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it.each(['bootstrap', 'four-eyes-expiry', 'seed-demo', 'cli', 'system'])(
      'refuses a user named %s with 400 naming userId, writing nothing',
      async (userId) => {
        const p = await testPrincipals(app);
        const answer = await request(app.getHttpServer())
          .post('/access/users')
          .set(newKey())
          .set(p.admin)
          .send({ userId, role: 'admin' })
          .expect(400);
        expect(answer.body).toMatchObject({ error: 'validation-failed' });
        expect(JSON.stringify(answer.body)).toContain('userId');
        expect(JSON.stringify(answer.body)).toContain('reserved');
        await request(app.getHttpServer()).get(`/access/users/${userId}`).set(p.admin).expect(404);
        // The service refuses too (the CLI's path).
        await expect(app.get(AccessService).createUser({ userId, role: 'auditor' }, 'cli')).rejects.toMatchObject({
          status: 400,
        });
      },
    );
  });

  describe(`a restart with LEDGER_ADMIN_API_KEY already stored, on ${kind}`, () => {
    const saved = process.env.LEDGER_ADMIN_API_KEY;
    const envKey = 'c7'.repeat(32);
    const { config: base, dropSchema } = testLedgerConfig(kind);
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-restart-'));
    // A data folder of its own, so that the embedded database outlives the first app.
    const config = { ...base, dataDir };
    let app: INestApplication | undefined;
    const start = async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      return app;
    };
    beforeAll(() => {
      process.env.LEDGER_ADMIN_API_KEY = envKey;
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.LEDGER_ADMIN_API_KEY;
      else process.env.LEDGER_ADMIN_API_KEY = saved;
      await closeTestApp(app, dropSchema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('starts again with the same key: one admin, one key, the key still works', async () => {
      await start();
      await app!.close();
      await start();
      await request(app!.getHttpServer()).get('/access/me').set('Authorization', `Bearer ${envKey}`).expect(200);
      const access = app!.get(AccessService);
      expect((await access.users()).map((user) => user.userId)).toEqual(['admin']);
      expect(await access.keys()).toHaveLength(1);
    });

    it('starts when the stored key was revoked: the key stays revoked, a new admin key is generated', async () => {
      // No admin can act any more (as a ledger from before the last-admin rule could be left).
      await app!
        .get(LedgerRuntime)
        .dataSource.query(`UPDATE access_api_keys SET revoked_at = now(), revoked_by = 'test'`);
      await app!.close();
      await start();
      await request(app!.getHttpServer()).get('/access/me').set('Authorization', `Bearer ${envKey}`).expect(401);
      const generated = readFileSync(join(dataDir, ADMIN_KEY_FILE), 'utf8').trim();
      const me = await request(app!.getHttpServer())
        .get('/access/me')
        .set('Authorization', `Bearer ${generated}`)
        .expect(200);
      expect(me.body).toMatchObject({ userId: 'admin-2', role: 'admin' });
    });
  });
}
