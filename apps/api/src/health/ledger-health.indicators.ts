import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { LedgerRuntime } from '@ledger/platform';

/** The terminus indicators of the ledger: its database, and its read models as stored. */
@Injectable()
export class LedgerHealthIndicators {
  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async database() {
    const check = this.indicators.check('database');
    try {
      await this.runtime.database.ping();
      return check.up({ kind: this.runtime.database.kind });
    } catch (error) {
      return check.down({ kind: this.runtime.database.kind, reason: (error as Error).message });
    }
  }

  /** Down when a read model is stuck, has failed, or lags beyond LEDGER_READY_MAX_LAG. */
  async readModels() {
    const check = this.indicators.check('readModels');
    const status = await this.runtime.projectionsStatus();
    const details = {
      headPosition: status.head.toString(),
      lease: status.lease && {
        holder: status.lease.holder,
        live: status.lease.live,
        acquiredAt: status.lease.acquiredAt.toISOString(),
        expiresAt: status.lease.expiresAt.toISOString(),
      },
      problems: status.problems,
    };
    return status.healthy ? check.up(details) : check.down(details);
  }
}
