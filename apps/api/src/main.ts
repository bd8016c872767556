import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { loadLedgerConfig } from '@ledger/platform';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadLedgerConfig();
  const app = await createApp(config);
  await app.listen(config.port);
  const server = app.getHttpServer() as Server;
  server.requestTimeout = config.httpRequestTimeoutMs;
  server.headersTimeout = Math.min(config.httpRequestTimeoutMs, 10_000);
  new Logger('Bootstrap').log(
    config.role === 'projector'
      ? `projector: running the projections; health on http://localhost:${config.port}/health`
      : `${config.role === 'api' ? 'API replica' : 'API and projections'}: listening on http://localhost:${config.port} — OpenAPI at /docs, health at /health`,
  );
}

main().catch((error: Error) => {
  new Logger('Bootstrap').error(`failed to start: ${error.message}`, error.stack);
  process.exit(1);
});
