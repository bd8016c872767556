import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Clock, LEDGER_CONFIG, type LedgerConfig } from '@ledger/platform';
import { FourEyes } from './four-eyes.service';
import { ProposalsReadModel } from './read-model/proposals.read-model';

/** How often the running service looks for due proposals. The deadlines themselves are in the data. */
const TICK_MS = 60_000;

/**
 * The one expiry of four-eyes proposals, for every context, as a persisted subscription: the
 * `ledger_proposals` read model keeps every pending proposal with its deadline (checkpointed,
 * rebuilt from the log); on each tick `runDue` reads those due by the injected clock and expires
 * each (`FourEyes.expire`, idempotent), so a tick that overlaps another, or a restart, is harmless,
 * and a proposal due while the service was down expires on the first tick after start. The tick is
 * only a wake-up: nothing is held in memory between ticks. Shutdown waits for a run in progress.
 */
@Injectable()
export class ProposalExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private run: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('FourEyesExpiry');

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly clock: Clock,
    private readonly proposals: ProposalsReadModel,
    private readonly fourEyes: FourEyes,
  ) {}

  onApplicationBootstrap(): void {
    // Every serving process ticks (an expiry is idempotent); a one-shot CLI run does not.
    if (!this.config.runProjections && this.config.role !== 'api') return;
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

  /** Expires every pending proposal due now, whatever its context; returns the ids it expired. */
  async runDue(): Promise<string[]> {
    const expired: string[] = [];
    for (const proposalId of await this.proposals.due(this.clock.now())) {
      const context = { actor: 'four-eyes-expiry', role: 'system', correlationId: `expire-${proposalId}` };
      if ((await this.fourEyes.expire(proposalId, context)).expired) expired.push(proposalId);
    }
    if (expired.length > 0) this.logger.log(`expired ${expired.length} four-eyes proposal(s)`);
    return expired;
  }
}
