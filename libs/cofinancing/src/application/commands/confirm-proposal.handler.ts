import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  approvalCommandOf,
  approveGrant,
  evolveBeneficiaryStream,
  evolveFundStream,
  evolveGrantStream,
  ProposalConfirmed,
  releaseReservations,
  requirePendingProposal,
  type GrantApproved,
} from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { Clock } from '@ledger/platform';
import { ConfirmProposalCommand } from './settle-proposal.command';

/**
 * A second fund manager confirms a proposal: its reservations are released and the original
 * command is decided again on current state (so without its own reservation, but with everyone
 * else's), and the real events, the release and the confirmation go in one atomic append over
 * the proposal, fund, beneficiary and grant streams. The proposer may not confirm (403).
 */
@CommandHandler(ConfirmProposalCommand)
export class ConfirmProposalHandler implements ICommandHandler<ConfirmProposalCommand> {
  constructor(
    private readonly streams: CofinancingStreams,
    private readonly clock: Clock,
  ) {}

  async execute({ command, context }: ConfirmProposalCommand) {
    const outcome = await this.streams.run(async () => {
      const at = this.clock.now();
      const proposal = await this.streams.loadProposal(command.proposalId);
      const pending = requirePendingProposal(
        proposal.state,
        { proposalId: command.proposalId, actor: context.actor, at },
        'confirm',
      );
      const [grant, fund, beneficiary] = await Promise.all([
        this.streams.loadGrant(pending.grantId),
        this.streams.loadFund(pending.fundId),
        this.streams.loadBeneficiary(pending.beneficiaryId),
      ]);
      const release = releaseReservations(pending, 'confirmed');
      const approveCommand = approvalCommandOf(pending);
      const decision = approveGrant(approveCommand, {
        grant: release.grant.reduce(evolveGrantStream, grant.state),
        fund: release.fund.reduce(evolveFundStream, fund.state),
        beneficiary: release.beneficiary.reduce(evolveBeneficiaryStream, beneficiary.state),
      });
      const approved = decision.grant[0] as GrantApproved;
      const confirmed = ProposalConfirmed.create({
        proposalId: pending.proposalId,
        confirmedBy: context.actor,
        confirmedAt: at.toISOString(),
        committed: approved.subsidy,
      });
      const position = await this.streams.save(
        [
          this.streams.proposalChange(proposal, [confirmed]),
          this.streams.grantChange(grant, [...release.grant, ...decision.grant]),
          this.streams.fundChange(fund, [...release.fund, ...decision.fund]),
          this.streams.beneficiaryChange(beneficiary, [...release.beneficiary, ...decision.beneficiary]),
        ],
        { ...context, causationId: pending.proposalId },
        approveCommand.approvedOn,
      );
      return { position, approved, released: pending.amount };
    });
    return {
      proposalId: command.proposalId,
      status: 'confirmed' as const,
      grantId: outcome.approved.grantId,
      subsidy: outcome.approved.subsidy.toJSON(),
      released: outcome.released.toJSON(),
      position: outcome.position.toString(),
    };
  }
}
