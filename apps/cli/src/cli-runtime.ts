import { LedgerRuntime, loadLedgerConfig } from '@ledger/platform';
import { ledgerContexts } from '@ledger/contexts';

/**
 * The same runtime the API runs (same configuration, same migrations, same projections), opened
 * for one command and closed after it. Projections are not started in the background here.
 */
export async function withRuntime<T>(work: (runtime: LedgerRuntime) => Promise<T>): Promise<T> {
  const config = { ...loadLedgerConfig(), runProjections: false };
  const runtime = await LedgerRuntime.open(
    config,
    ledgerContexts.map((context) => context.readModels),
    // Diagnostics go to stderr so that stdout stays clean NDJSON/JSON for pipes.
    {
      log: (message) => process.stderr.write(`${message}\n`),
      error: (message, stack) => process.stderr.write(`${message}\n${stack ?? ''}\n`),
    },
  );
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
