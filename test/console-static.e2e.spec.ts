import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../apps/api/src/bootstrap';
import { consoleModules } from '../apps/api/src/console-static';

/**
 * The web console through @nestjs/serve-static, from a console "build" made here (CONSOLE_DIR), so
 * the test needs no `npm run build:console`: /console/ serves the page without a key, hashed assets
 * are cached for good and the page never, `/` redirects to it, and a projector serves none of it.
 */
const dir = mkdtempSync(join(tmpdir(), 'ledger-console-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ledger console</title>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("console")');

for (const kind of testDatabaseKinds()) {
  describe(`the web console on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      process.env.CONSOLE_DIR = dir;
      app = await createApp(config, { logger: false });
      await app.init();
    });
    afterAll(async () => {
      delete process.env.CONSOLE_DIR;
      await closeTestApp(app, dropSchema);
    });

    it('serves the page at /console/ with no key and no caching', async () => {
      const page = await request(app.getHttpServer()).get('/console/').expect(200);
      expect(page.text).toContain('ledger console');
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
    });

    it('caches the hashed assets for good', async () => {
      const asset = await request(app.getHttpServer()).get('/console/assets/index-abc123.js').expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('redirects / to /console/', async () => {
      await request(app.getHttpServer()).get('/').expect(302).expect('Location', '/console/');
    });

    it('answers 404 for a file the build does not have, not the page', async () => {
      const missing = await request(app.getHttpServer()).get('/console/assets/nope.js');
      expect(missing.status).toBe(404);
      expect(missing.text).not.toContain('ledger console');
    });

    it('answers the page at a screen’s address, so links and reload work', async () => {
      for (const path of [
        '/console/cofinancing',
        '/console/cofinancing/grants/3f1c',
        '/console/bank/statement?asOf=2026-01-31',
      ]) {
        const page = await request(app.getHttpServer()).get(path).expect(200);
        expect(page.text).toContain('ledger console');
        expect(page.headers['cache-control']).toBe('no-cache');
      }
      expect((await request(app.getHttpServer()).get('/console/favicon.ico')).status).toBe(404);
    });

    it('still asks for a key on the API next to it', async () => {
      await request(app.getHttpServer()).get('/cofinancing/funds').expect(401);
    });
  });

  describe(`a projector on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      process.env.CONSOLE_DIR = dir;
      app = await createApp({ ...config, role: 'projector', runProjections: true }, { logger: false });
      await app.init();
    });
    afterAll(async () => {
      delete process.env.CONSOLE_DIR;
      await closeTestApp(app, dropSchema);
    });

    it('serves no console and no redirect, only health', async () => {
      await request(app.getHttpServer()).get('/health/live').expect(200);
      expect((await request(app.getHttpServer()).get('/console/')).status).toBe(404);
      expect((await request(app.getHttpServer()).get('/')).status).toBe(404);
    });
  });
}

describe('without a console build', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds no module (the start warns and serves nothing)', () => {
    expect(consoleModules(null)).toEqual([]);
    expect(consoleModules(dir)).toHaveLength(2);
  });
});
