import type { LedgerRuntime } from '@ledger/platform';
import { AsOfBalanceSource } from './exports/as-of-balance-source';
import { BalanceExport } from './exports/balance-export';
import type { BalancesAsOfSource } from './exports/balance-row';
import { EventExport } from './exports/event-export';
import { EventHistory } from './history/event-history';
import { MonitoringReadModel } from './monitoring/monitoring.read-model';

/**
 * The log position every projection has reached (the lowest checkpoint): figures read from the
 * read models describe the ledger up to there.
 */
export async function readModelsPosition(runtime: LedgerRuntime): Promise<bigint> {
  const checkpoints = await Promise.all(runtime.projections.map((runner) => runner.storedCheckpoint()));
  return checkpoints.reduce((lowest, checkpoint) => (checkpoint < lowest ? checkpoint : lowest), checkpoints[0] ?? 0n);
}

/**
 * The audit services over one runtime: what the Nest module provides, and what the CLI builds
 * directly. Balance exports as of a date come from the as-of services of the two contexts unless
 * another source (or `null`: live rows only) is given.
 */
export function auditServices(runtime: LedgerRuntime, asOf: BalancesAsOfSource | null = AsOfBalanceSource.of(runtime)) {
  const history = new EventHistory(runtime.store);
  const position = () => readModelsPosition(runtime);
  return {
    history,
    eventExport: new EventExport(history),
    balanceExport: new BalanceExport(runtime.dataSource, position, asOf),
    monitoring: new MonitoringReadModel(runtime.dataSource, position),
  };
}
