import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { projectionsStatusJson } from '@ledger/event-sourcing';
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
    const { headPosition, lease, problems } = projectionsStatusJson(status);
    const details = { headPosition, lease, problems };
    return status.healthy ? check.up(details) : check.down(details);
  }
}
