import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ADMIN_KEY_FILE } from '@ledger/access';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';

/** A fresh ledger has no users: the first admin key comes from LEDGER_ADMIN_API_KEY or a 0600 file. */
for (const kind of testDatabaseKinds()) {
  describe(`the first admin key, on ${kind}`, () => {
    const saved = process.env.LEDGER_ADMIN_API_KEY;
    afterEach(() => {
      if (saved === undefined) delete process.env.LEDGER_ADMIN_API_KEY;
      else process.env.LEDGER_ADMIN_API_KEY = saved;
    });

    it('is LEDGER_ADMIN_API_KEY when set', async () => {
      const { config, dropSchema } = testLedgerConfig(kind);
      const envKey = 'a0'.repeat(32);
      process.env.LEDGER_ADMIN_API_KEY = envKey;
      let app: INestApplication | undefined;
      try {
        app = await createApp(config, { logger: false });
        await app.init();
        const me = await request(app.getHttpServer())
          .get('/access/me')
          .set('Authorization', `Bearer ${envKey}`)
          .expect(200);
        expect(me.body).toMatchObject({ userId: 'admin', role: 'admin' });
        await request(app.getHttpServer())
          .get('/access/me')
          .set('Authorization', `Bearer ${'b0'.repeat(32)}`)
          .expect(401);
      } finally {
        await closeTestApp(app, dropSchema);
      }
    });

    it('is generated once and written to <DATA_DIR>/admin-api-key, mode 0600, when not set', async () => {
      delete process.env.LEDGER_ADMIN_API_KEY;
      const { config: base, dropSchema } = testLedgerConfig(kind);
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bootstrap-'));
      const config = { ...base, dataDir };
      const file = join(dataDir, ADMIN_KEY_FILE);
      let app: INestApplication | undefined;
      try {
        app = await createApp(config, { logger: false });
        await app.init();
        expect(statSync(file).mode & 0o777).toBe(0o600);
        const apiKey = readFileSync(file, 'utf8').trim();
        expect(apiKey).toMatch(/^lk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
        const http = request(app.getHttpServer());
        await http
          .get('/access/me')
          .set('Authorization', `Bearer ${apiKey}`)
          .expect(200, {
            userId: 'admin',
            role: 'admin',
            bankId: null,
            keyId: apiKey.slice(3, 15),
          });
        await app.close();

        // A restart on the same ledger keeps the admin: no second key, the file is left as it was.
        app = await createApp(config, { logger: false });
        await app.init();
        expect(readFileSync(file, 'utf8').trim()).toBe(apiKey);
        const keys = await request(app.getHttpServer())
          .get('/access/api-keys')
          .set('Authorization', `Bearer ${apiKey}`)
          .expect(200);
        expect(keys.body.items).toHaveLength(1);
      } finally {
        await closeTestApp(app, dropSchema);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
