import type { DataSource } from 'typeorm';
import { resolveAsOf, type AsOf, type AsOfInput, type AsOfStamp } from './as-of';
import type { SqlRunner } from './balance-ledger';

/**
 * Runs the reads of one as-of answer in one snapshot, and stamps it with the point it reflects:
 * the asOf date, the knownAt instant, and how far the balances projection had read the log.
 */
export function readAsOf<T>(
  dataSource: DataSource,
  projectionName: string,
  at: AsOfInput | undefined,
  work: (db: SqlRunner, point: AsOf, stamp: AsOfStamp) => Promise<T>,
): Promise<T> {
  const point = resolveAsOf(at, new Date());
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const [checkpoint]: { position: string }[] = await manager.query(
      'SELECT position FROM projection_checkpoints WHERE name = $1',
      [projectionName],
    );
    const stamp: AsOfStamp = {
      asOf: point.asOf,
      knownAt: point.knownAt?.toISOString() ?? null,
      throughPosition: checkpoint?.position ?? '0',
    };
    return work(manager, point, stamp);
  });
}
