import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `vite build` puts the web console, from the compiled (dist/apps/api/src) or source (apps/api/src) folder. */
export function consoleDirectory(): string | null {
  const candidates = [
    process.env.CONSOLE_DIR,
    resolve(__dirname, '../../../console'),
    resolve(__dirname, '../../../dist/console'),
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the web console (apps/console, built to dist/console) at /console on the API's own
 * origin, so it signs in with the same API keys and needs no CORS. Static files need no key;
 * every API call the console makes does. `/` redirects to it. Without a build, nothing is served.
 */
export function serveConsole(app: INestApplication): void {
  const dir = consoleDirectory();
  if (!dir) {
    new Logger('Console').warn('the web console is not built (npm run build:console): /console is not served');
    return;
  }
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' && request.path === '/') return response.redirect(302, '/console/');
    next();
  });
  (app as NestExpressApplication).useStaticAssets(dir, {
    prefix: '/console',
    index: 'index.html',
    fallthrough: true,
    setHeaders: (response: Response, path: string) => {
      // Hashed assets never change; the page itself is always checked again.
      response.setHeader(
        'Cache-Control',
        path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
