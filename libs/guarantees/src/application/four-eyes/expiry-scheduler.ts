import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, LedgerRuntime } from '@ledger/platform';
import { ExpireGuaranteeProposalCommand } from '../commands/four-eyes.commands';

/** How often the running service looks for due proposals. The deadlines themselves are in the data. */
const TICK_MS = 60_000;

/**
 * Expiry of the guarantees context's four-eyes proposals, as for co-financing: the
 * `guarantees_proposals` read model keeps every pending proposal with its deadline (checkpointed,
 * rebuilt from the log); on each tick `runDue` reads those due by the injected clock and issues
 * `ExpireGuaranteeProposal` for each — idempotent, so overlapping ticks or a restart are harmless,
 * and a proposal due while the service was down expires on the first tick after start.
 */
@Injectable()
export class GuaranteesExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GuaranteesFourEyesExpiry');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.config.runProjections) return;
    this.timer = setInterval(() => {
      this.runDue().catch((error: Error) => this.logger.error(`expiry run failed: ${error.message}`, error.stack));
    }, TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Expires every pending proposal due now; returns the ids it expired. */
  async runDue(): Promise<string[]> {
    const now = this.clock.now();
    const rows: { proposal_id: string }[] = await this.runtime.dataSource.query(
      `SELECT proposal_id FROM guarantees_proposals WHERE status = 'pending' AND expires_at <= $1
        ORDER BY expires_at, proposal_id LIMIT 500`,
      [now.toISOString()],
    );
    const expired: string[] = [];
    for (const { proposal_id: proposalId } of rows) {
      const answer = await this.commands.execute(
        new ExpireGuaranteeProposalCommand(proposalId, {
          actor: 'four-eyes-expiry',
          role: 'system',
          correlationId: `expire-${proposalId}`,
          causationId: null,
        }),
      );
      if (answer.expired) expired.push(proposalId);
    }
    if (expired.length > 0) this.logger.log(`expired ${expired.length} guarantees four-eyes proposal(s)`);
    return expired;
  }
}
