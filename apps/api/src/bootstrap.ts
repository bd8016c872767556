import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { secureHeaders } from '@ledger/access';
import { ledgerValidationPipe, loadLedgerConfig, type LedgerConfig } from '@ledger/platform';
import { AppModule } from './app.module';
import { serveConsole } from './console-static';

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
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: options.logger ?? applicationLogger(),
    bufferLogs: false,
  });
  // Secure headers on every answer; /docs keeps what Swagger UI needs (see secureHeaders).
  app.use(secureHeaders('/docs'));
  // The web console (apps/console) at /console, same origin — not on a projector, which serves health only.
  if ((config.role ?? loadLedgerConfig().role) !== 'projector') serveConsole(app);
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Co-financing fund ledger')
      .setDescription(
        'Event-sourced ledger of a shared-cost co-financing fund and of mutual guarantee companies. ' +
          'Amounts are strings of minor units next to their ISO 4217 currency; rates are basis points. ' +
          'Commands are POSTs that accept an Idempotency-Key header. ' +
          'Every route but /health needs an API key: `Authorization: Bearer <key>` (or `X-Api-Key`).',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key from POST /access/api-keys' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  documentMinPosition(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
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
        description: 'read-models-behind: the read models have not reached X-Min-Position yet; retry after Retry-After',
      },
    };
  }
}
