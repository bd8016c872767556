import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CorrectionReasonMissing, ProposalDeclined, releaseReservations, requirePendingProposal } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { Clock } from '@ledger/platform';
import { DeclineProposalCommand } from './decline-proposal.command';

/** Declines a pending proposal (any fund manager, the proposer too: withdrawing needs no second person). */
@CommandHandler(DeclineProposalCommand)
export class DeclineProposalHandler implements ICommandHandler<DeclineProposalCommand> {
  constructor(
    private readonly streams: CofinancingStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ command, context }: DeclineProposalCommand) {
    const reason = (command.reason ?? '').trim();
    if (reason.length === 0) throw new CorrectionReasonMissing();
    const outcome = await this.streams.run(async () => {
      const at = this.clock.now();
      const proposal = await this.streams.loadProposal(command.proposalId);
      const pending = requirePendingProposal(
        proposal.state,
        { proposalId: command.proposalId, actor: context.actor, at },
        'decline',
      );
      const reserved = await this.streams.loadReserved(pending);
      const release = releaseReservations(pending, 'declined');
      const declined = ProposalDeclined.create({
        proposalId: pending.proposalId,
        declinedBy: context.actor,
        declinedAt: at.toISOString(),
        reason,
      });
      const position = await this.streams.save(
        [this.streams.proposalChange(proposal, [declined]), ...this.streams.releaseChanges(reserved, release)],
        { ...context, causationId: pending.proposalId },
        at.toISOString().slice(0, 10),
      );
      return { position, pending };
    });
    return {
      proposalId: command.proposalId,
      status: 'declined' as const,
      action: outcome.pending.action,
      grantId: outcome.pending.grantId,
      released: outcome.pending.amount.toJSON(),
      position: outcome.position.toString(),
    };
  }
}
