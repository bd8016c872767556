import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  Logger,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
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

/** Hashed assets never change; the page itself is always checked again. */
export function consoleCacheControl(path: string): string {
  return path.includes(join('assets', '')) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function redirectRootToConsole(request: Request, response: Response, next: NextFunction): void {
  if (request.method === 'GET' && request.path === '/') return response.redirect(302, '/console/');
  next();
}

/** `GET /` → `/console/`. */
@Module({})
class ConsoleRedirectModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(redirectRootToConsole).forRoutes({ path: '/', method: RequestMethod.GET });
  }
}

/**
 * Serves the web console (apps/console, built to dist/console) at /console on the API's own
 * origin through `@nestjs/serve-static`, so it signs in with the same API keys and needs no CORS.
 * Static files need no key; every API call the console makes does. `/` redirects to it. Without a
 * build, a warning and nothing served. The projector role does not import it (health only).
 */
export function consoleModules(dir: string | null = consoleDirectory()): DynamicModule[] {
  if (!dir) {
    new Logger('Console').warn('the web console is not built (npm run build:console): /console is not served');
    return [];
  }
  return [
    ServeStaticModule.forRoot({
      rootPath: dir,
      serveRoot: '/console',
      // Only /console/ itself answers the page: an unknown file under /console is a 404, not the page.
      renderPath: '/',
      serveStaticOptions: {
        index: 'index.html',
        fallthrough: true,
        setHeaders: (response: Response, path: string) =>
          response.setHeader('Cache-Control', consoleCacheControl(path)),
      },
    }),
    { module: ConsoleRedirectModule },
  ];
}
