import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadLedgerConfig } from '@ledger/platform';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadLedgerConfig();
  const app = await createApp(config);
  // createApp has set the slow-client limits (applyHttpTimeouts) and TRUST_PROXY.
  await app.listen(config.port);
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
