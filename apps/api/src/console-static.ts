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

/**
 * A screen's address (`/console/cofinancing/grants/…`): the console routes in the browser, so a
 * link or a reload of any screen gets the page. A path whose last part has a dot is a file, and
 * stays a 404 when the build has no such file.
 */
export function isConsoleScreenPath(path: string): boolean {
  if (!path.startsWith('/console/') || path.startsWith('/console/assets/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

function consoleScreens(dir: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isConsoleScreenPath(request.path)) return next();
    response.setHeader('Cache-Control', consoleCacheControl('index.html'));
    response.sendFile(join(dir, 'index.html'));
  };
}

/** `GET /` → `/console/`; every screen's address → the page. */
function consoleRoutesModule(dir: string): DynamicModule {
  @Module({})
  class ConsoleRoutesModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(redirectRootToConsole).forRoutes({ path: '/', method: RequestMethod.GET });
      consumer.apply(consoleScreens(dir)).forRoutes({ path: 'console/*screen', method: RequestMethod.ALL });
    }
  }
  return { module: ConsoleRoutesModule };
}

/**
 * Serves the web console (apps/console, built to dist/console) at /console on the API's own
 * origin through `@nestjs/serve-static`, so it signs in with the same API keys and needs no CORS.
 * Static files need no key; every API call the console makes does. `/` redirects to it, and every
 * screen's address answers the page (the console routes in the browser). Without a
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
      // Only /console/ itself and screens' addresses (below) answer the page: an unknown file is a 404.
      renderPath: '/',
      serveStaticOptions: {
        index: 'index.html',
        fallthrough: true,
        setHeaders: (response: Response, path: string) =>
          response.setHeader('Cache-Control', consoleCacheControl(path)),
      },
    }),
    consoleRoutesModule(dir),
  ];
}
