import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newEntityId } from '@ledger/event-sourcing';
import {
  approveGrant,
  availableOf,
  GrantNotFound,
  proposeGrantApproval,
  requireOpenFund,
  secondPersonThreshold,
  type GrantApproved,
} from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { Clock } from '@ledger/platform';
import { ApproveGrantCommand, type GrantApprovalAnswer, type ProposalPendingAnswer } from './approve-grant.command';

/**
 * Approval changes three streams at once — the grant, the fund's commitment and the
 * beneficiary's cap usage for (window, participation year) — in one atomic append with the
 * revisions it read. Two approvals racing on the same fund or cap cannot both pass: the loser's
 * append is refused and the whole decision is taken again on fresh state.
 *
 * Four-eyes: when the fund's policy requires a second person for this subsidy, nothing is
 * approved; a proposal is recorded instead, with the subsidy reserved on the fund and the cap in
 * the same atomic append (so concurrent proposals cannot together over-reserve), and the answer
 * says so (202 at the HTTP layer).
 */
@CommandHandler(ApproveGrantCommand)
export class ApproveGrantHandler implements ICommandHandler<ApproveGrantCommand> {
  constructor(
    private readonly streams: CofinancingStreams,
    private readonly clock: Clock,
  ) {}

  async execute({
    command,
    context,
  }: ApproveGrantCommand): Promise<(GrantApprovalAnswer | ProposalPendingAnswer) & { position: string }> {
    const proposalId = newEntityId(context, 'approval-proposal');
    const outcome = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      if (grant.state.status === 'none') throw new GrantNotFound(command.grantId);
      const { fundId, beneficiaryId } = grant.state.request;
      const [fund, beneficiary] = await Promise.all([
        this.streams.loadFund(fundId),
        this.streams.loadBeneficiary(beneficiaryId),
      ]);
      const decision = approveGrant(command, { grant: grant.state, fund: fund.state, beneficiary: beneficiary.state });
      const approved = decision.grant[0] as GrantApproved;
      const openFund = requireOpenFund(fund.state, fundId);
      const threshold = secondPersonThreshold(openFund.approvalPolicy, approved.subsidy);
      if (threshold !== null && openFund.approvalPolicy !== null) {
        const proposal = proposeGrantApproval({
          proposalId,
          command,
          approved,
          threshold,
          availableBefore: availableOf(openFund),
          proposedBy: context.actor,
          proposedByRole: context.role,
          proposedAt: this.clock.now(),
          ttlHours: openFund.approvalPolicy.proposalTtlHours,
        });
        const position = await this.streams.save(
          [
            this.streams.proposalChange(await this.streams.loadProposal(proposalId), proposal.proposal),
            this.streams.grantChange(grant, proposal.grant),
            this.streams.fundChange(fund, proposal.fund),
            this.streams.beneficiaryChange(beneficiary, proposal.beneficiary),
          ],
          context,
          command.approvedOn,
        );
        return { kind: 'proposed' as const, position, approved, threshold, expiresAt: proposal.expiresAt };
      }
      const position = await this.streams.save(
        [
          this.streams.grantChange(grant, decision.grant),
          this.streams.fundChange(fund, decision.fund),
          this.streams.beneficiaryChange(beneficiary, decision.beneficiary),
        ],
        context,
        command.approvedOn,
      );
      const committed = decision.fund[0];
      return {
        kind: 'approved' as const,
        position,
        approved,
        availableAfter: committed.type === 'cofinancing.FundsCommitted' ? committed.availableAfter : null,
      };
    });
    const { approved } = outcome;
    if (outcome.kind === 'proposed') {
      return {
        proposalId,
        status: 'pending',
        action: 'approve-grant',
        grantId: command.grantId,
        expiresAt: outcome.expiresAt.toISOString(),
        reserved: approved.subsidy.toJSON(),
        threshold: outcome.threshold.toJSON(),
        position: outcome.position.toString(),
      };
    }
    return {
      grantId: command.grantId,
      participationYear: approved.participationYear,
      eligibleCost: approved.eligibleCost.toJSON(),
      subsidy: approved.subsidy.toJSON(),
      ownShare: approved.ownShare.toJSON(),
      rateBp: approved.rate.value,
      scheduleVersion: approved.scheduleVersion,
      limitedBy: approved.computation.limitedBy,
      fundAvailableAfter: (
        outcome.availableAfter ?? approved.computation.fundAvailableBefore.minus(approved.subsidy)
      ).toJSON(),
      position: outcome.position.toString(),
    };
  }
}
