import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ledgerValidationPipe, type LedgerConfig } from '@ledger/platform';
import { AppModule } from './app.module';

/** Builds the HTTP app (also used by the e2e tests, so they run exactly what `npm start` runs). */
export async function createApp(
  config: Partial<LedgerConfig> = {},
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: options.logger ?? new Logger(),
    bufferLogs: false,
  });
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Co-financing fund ledger')
      .setDescription(
        'Event-sourced ledger of a shared-cost co-financing fund and of mutual guarantee companies. ' +
          'Amounts are strings of minor units next to their ISO 4217 currency; rates are basis points. ' +
          'Commands are POSTs that accept an Idempotency-Key header.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}
