import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { approveGrant, GrantNotFound, type GrantApproved } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { ApproveGrantCommand } from './approve-grant.command';

/**
 * Approval changes three streams at once — the grant, the fund's commitment and the
 * beneficiary's cap usage for (window, participation year) — in one atomic append with the
 * revisions it read. Two approvals racing on the same fund or cap cannot both pass: the loser's
 * append is refused and the whole decision is taken again on fresh state.
 */
@CommandHandler(ApproveGrantCommand)
export class ApproveGrantHandler implements ICommandHandler<ApproveGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: ApproveGrantCommand) {
    const { position, approved, availableAfter } = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      if (grant.state.status === 'none') throw new GrantNotFound(command.grantId);
      const { fundId, beneficiaryId } = grant.state.request;
      const [fund, beneficiary] = await Promise.all([
        this.streams.loadFund(fundId),
        this.streams.loadBeneficiary(beneficiaryId),
      ]);
      const decision = approveGrant(command, { grant: grant.state, fund: fund.state, beneficiary: beneficiary.state });
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
        position,
        approved: decision.grant[0] as GrantApproved,
        availableAfter: committed.type === 'cofinancing.FundsCommitted' ? committed.availableAfter : null,
      };
    });
    return {
      grantId: command.grantId,
      participationYear: approved.participationYear,
      eligibleCost: approved.eligibleCost.toJSON(),
      subsidy: approved.subsidy.toJSON(),
      ownShare: approved.ownShare.toJSON(),
      rateBp: approved.rate.value,
      scheduleVersion: approved.scheduleVersion,
      limitedBy: approved.computation.limitedBy,
      fundAvailableAfter: (availableAfter ?? approved.computation.fundAvailableBefore.minus(approved.subsidy)).toJSON(),
      position: position.toString(),
    };
  }
}
