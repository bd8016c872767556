import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dueProposal, ProposalExpired, releaseReservations } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { Clock } from '@ledger/platform';
import { ExpireProposalCommand } from './expire-proposal.command';

/**
 * Expires a pending proposal whose deadline has passed and releases its reservations, in one
 * append. Idempotent: a proposal already confirmed, declined or expired — or not yet due — gives
 * nothing, so the scheduler may issue it as often as it likes.
 */
@CommandHandler(ExpireProposalCommand)
export class ExpireProposalHandler implements ICommandHandler<ExpireProposalCommand> {
  constructor(
    private readonly streams: CofinancingStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ command, context }: ExpireProposalCommand) {
    const outcome = await this.streams.run(async () => {
      const now = this.clock.now();
      const proposal = await this.streams.loadProposal(command.proposalId);
      const pending = dueProposal(proposal.state, now);
      if (pending === null) return { position: 0n, expired: false };
      const reserved = await this.streams.loadReserved(pending);
      const release = releaseReservations(pending, 'expired');
      const position = await this.streams.save(
        [
          this.streams.proposalChange(proposal, [
            ProposalExpired.create({ proposalId: pending.proposalId, expiredAt: now.toISOString() }),
          ]),
          ...this.streams.releaseChanges(reserved, release),
        ],
        { ...context, causationId: pending.proposalId },
        now.toISOString().slice(0, 10),
      );
      return { position, expired: true };
    });
    return { proposalId: command.proposalId, expired: outcome.expired, position: outcome.position.toString() };
  }
}
