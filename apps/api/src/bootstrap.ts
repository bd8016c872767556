import type { Server } from 'node:http';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { secureHeaders } from '@ledger/access';
import {
  IdempotencyKeyRequiredInterceptor,
  loadLedgerConfig,
  useLedgerInputChecks,
  type LedgerConfig,
} from '@ledger/platform';
import { AppModule } from './app.module';

/** JSON lines (one object per log entry) when LOG_FORMAT=json — the Docker image sets it; readable text otherwise. */
export function applicationLogger(env: NodeJS.ProcessEnv = process.env): ConsoleLogger {
  return new ConsoleLogger({
    json: env.LOG_FORMAT === 'json',
    colors: env.LOG_FORMAT !== 'json' && process.stdout.isTTY,
  });
}

/** Builds the HTTP app (also used by the e2e tests, so they run exactly what `npm start` runs). */
export async function createApp(
  config: Partial<LedgerConfig> = {},
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? applicationLogger(),
    bufferLogs: false,
  });
  // Only the proxies TRUST_PROXY names may say who the client is (X-Forwarded-For): rate limits per
  // address and the records of denied attempts then see the client, not the proxy.
  app.set('trust proxy', config.trustProxy ?? loadLedgerConfig().trustProxy);
  applyHttpTimeouts(app.getHttpServer(), config.httpRequestTimeoutMs ?? loadLedgerConfig().httpRequestTimeoutMs);
  // Secure headers on every answer; /docs keeps what Swagger UI needs (see secureHeaders).
  app.use(secureHeaders('/docs'));
  useLedgerInputChecks(app); // depth, NUL, __proto__, X-Correlation-Id; then the DTOs, dates in their window
  // Every POST, PUT and DELETE needs an Idempotency-Key (400 idempotency-key-required otherwise).
  app.useGlobalInterceptors(new IdempotencyKeyRequiredInterceptor());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Co-financing fund ledger')
      .setDescription(
        'Event-sourced ledger of a shared-cost co-financing fund and of mutual guarantee companies. ' +
          'Amounts are strings of minor units next to their ISO 4217 currency; rates are basis points. ' +
          'Commands (POST, PUT, DELETE) require an Idempotency-Key header: the same key and request again ' +
          'replays the first answer (Idempotent-Replayed: true), the same key with another request is 409. ' +
          'Every route but /health needs an API key: `Authorization: Bearer <key>` (or `X-Api-Key`).',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key from POST /access/api-keys' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  documentMinPosition(document);
  documentIdempotencyKey(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}

/** How long a client may take to send its request headers (README, Configuration). */
export const HEADERS_TIMEOUT_MS = 10_000;

/**
 * The slow-client limits: the headers within HEADERS_TIMEOUT_MS (or the request timeout if
 * shorter), the whole request within `requestTimeoutMs`; past them Node answers 408 and closes the
 * connection. Node checks these limits only every `connectionsCheckingInterval` (30 s by default,
 * which closed a slow client after up to 40 s): checked every second here, so a limit holds to
 * about a second. Before `listen` (the check starts when the server starts listening).
 */
export function applyHttpTimeouts(
  server: Server,
  requestTimeoutMs: number,
  headersTimeoutMs = Math.min(requestTimeoutMs, HEADERS_TIMEOUT_MS),
): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(headersTimeoutMs, requestTimeoutMs);
  // A property Node reads when the server starts listening (@types/node knows it as an option only).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1_000,
    Math.max(100, Math.floor(server.headersTimeout / 4)),
  );
}

/** Every command needs an `Idempotency-Key` (IdempotencyKeyRequiredInterceptor): say so on each. */
function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      operation.parameters = [
        ...(operation.parameters ?? []).filter((p) => !('name' in p && p.name.toLowerCase() === 'idempotency-key')),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
          description:
            'A new key (e.g. a UUID) per command; send the same key again to retry safely: the same request gets the ' +
            'first answer (Idempotent-Replayed: true), another request with that key 409 idempotency-key-reused.',
        },
      ];
      operation.responses = {
        ...operation.responses,
        '400': operation.responses['400'] ?? {
          description: '`idempotency-key-required`: no Idempotency-Key header; or invalid input',
        },
      };
    }
  }
}

/** Every query accepts `X-Min-Position` (see MinPositionInterceptor): say so on each GET. */
function documentMinPosition(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!item.get || path.startsWith('/health')) continue;
    item.get.parameters = [
      ...(item.get.parameters ?? []),
      {
        name: 'X-Min-Position',
        in: 'header',
        required: false,
        schema: { type: 'string', pattern: '^[0-9]{1,19}$' },
        description:
          'Answer only from read models that have applied the log up to this position (the X-Log-Position of ' +
          'a command), waiting at most LEDGER_READ_MODEL_WAIT_MS; otherwise 503 read-models-behind with Retry-After.',
      },
    ];
    item.get.responses = {
      ...item.get.responses,
      '503': item.get.responses['503'] ?? {
        description: '`read-models-behind`: the read models have not reached X-Min-Position in time (Retry-After)',
      },
    };
    item.get.responses = {
      ...item.get.responses,
      '503': item.get.responses['503'] ?? {
        description: 'read-models-behind: the read models have not reached X-Min-Position yet; retry after Retry-After',
      },
    };
  }
}
