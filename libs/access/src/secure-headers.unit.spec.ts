import express from 'express';
import request from 'supertest';
import { secureHeaders } from './secure-headers';

/**
 * The console must load over plain http from another machine: `upgrade-insecure-requests` would
 * send its scripts to an https nothing answers. It stays on https (here through a trusted proxy).
 */
describe('secure headers over http and https', () => {
  const app = express();
  app.set('trust proxy', true);
  app.use(secureHeaders('/docs'));
  app.get(['/console/', '/docs/'], (_request, response) => void response.send('ok'));

  it('sends no upgrade-insecure-requests over plain http, console and docs alike', async () => {
    for (const path of ['/console/', '/docs/']) {
      const answer = await request(app).get(path).expect(200);
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
      expect(answer.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      // Browsers ignore it on an untrustworthy origin and log an error for it.
      expect(answer.headers['cross-origin-opener-policy']).toBeUndefined();
    }
  });

  it('keeps it over https', async () => {
    const answer = await request(app).get('/console/').set('X-Forwarded-Proto', 'https').expect(200);
    expect(answer.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(answer.headers['content-security-policy']).toContain("script-src 'self';");
    expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
  });
});
