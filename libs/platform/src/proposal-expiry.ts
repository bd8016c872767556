import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { CommandContext } from '@ledger/event-sourcing';
import type { Clock } from './clock';
import type { LedgerRuntime } from './ledger-runtime';

/** How often the running service looks for due proposals. The deadlines themselves are in the data. */
const TICK_MS = 60_000;

/**
 * Expiry of a context's four-eyes proposals, as a persisted subscription: the context's proposals
 * read model keeps every pending proposal with its deadline (checkpointed, rebuilt from the log);
 * on each tick `runDue` reads those due by the injected clock and expires each through the
 * context's own command — idempotent, so a tick that overlaps another, or a restart, is harmless,
 * and a proposal due while the service was down expires on the first tick after start. The tick is
 * only a wake-up: nothing is held in memory between ticks. Shutdown waits for a run in progress.
 */
export abstract class ProposalExpiryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private run: Promise<unknown> = Promise.resolve();
  private readonly logger: Logger;

  /**
   * @param table the read model with `proposal_id`, `status` and `expires_at`
   * @param expire expires one proposal (its context's command); true if it was expired now
   */
  protected constructor(
    private readonly runtime: LedgerRuntime,
    private readonly clock: Clock,
    private readonly table: string,
    private readonly expire: (proposalId: string, context: CommandContext) => Promise<boolean>,
    loggerName: string,
  ) {
    this.logger = new Logger(loggerName);
  }

  onApplicationBootstrap(): void {
    if (!this.runtime.config.runProjections) return;
    this.timer = setInterval(() => {
      this.run = this.runDue().catch((error: Error) =>
        this.logger.error(`expiry run failed: ${error.message}`, error.stack),
      );
    }, TICK_MS);
    this.timer.unref();
  }

  /** Before the runtime closes (its own hook runs later). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.run;
  }

  /** Expires every pending proposal due now; returns the ids it expired. */
  async runDue(): Promise<string[]> {
    const now = this.clock.now();
    const rows: { proposal_id: string }[] = await this.runtime.dataSource.query(
      `SELECT proposal_id FROM ${this.table} WHERE status = 'pending' AND expires_at <= $1
        ORDER BY expires_at, proposal_id LIMIT 500`,
      [now.toISOString()],
    );
    const expired: string[] = [];
    for (const { proposal_id: proposalId } of rows) {
      const context = {
        actor: 'four-eyes-expiry',
        role: 'system',
        correlationId: `expire-${proposalId}`,
        causationId: null,
      };
      if (await this.expire(proposalId, context)) expired.push(proposalId);
    }
    if (expired.length > 0) this.logger.log(`expired ${expired.length} four-eyes proposal(s)`);
    return expired;
  }
}
