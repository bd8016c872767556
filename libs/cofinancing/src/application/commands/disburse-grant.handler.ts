import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newEntityId } from '@ledger/event-sourcing';
import { Clock } from '@ledger/platform';
import {
  disburseGrant,
  GrantNotFound,
  proposeDisbursement,
  requireOpenFund,
  secondPersonThreshold,
  type GrantDisbursed,
} from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import type { ProposalPendingAnswer } from './approve-grant.command';
import { DisburseGrantCommand, type DisbursementAnswer } from './disburse-grant.command';

/**
 * Pays an invoice from the grant's own commitment: only the grant stream changes.
 *
 * Four-eyes: when the fund's policy requires a second person for this payment (`disburseAbove`),
 * nothing is paid; a proposal is recorded instead, and the grant reserves the payment with the
 * invoice reference and disbursement id, in the same append (optimistic concurrency on the grant
 * stream decides races between proposals and direct payments).
 */
@CommandHandler(DisburseGrantCommand)
export class DisburseGrantHandler implements ICommandHandler<DisburseGrantCommand> {
  constructor(
    private readonly streams: CofinancingStreams,
    private readonly clock: Clock,
  ) {}

  async execute({
    command,
    context,
  }: DisburseGrantCommand): Promise<(DisbursementAnswer | ProposalPendingAnswer) & { position: string }> {
    const proposalId = newEntityId(context, 'disbursement-proposal');
    const outcome = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      if (grant.state.status === 'none') throw new GrantNotFound(command.grantId);
      const events = disburseGrant(command, grant.state);
      const paid = events[0] as GrantDisbursed;
      const fund = requireOpenFund((await this.streams.loadFund(paid.fundId)).state, paid.fundId);
      const threshold = secondPersonThreshold(fund.approvalPolicy, paid.paid, 'disburse-grant');
      if (threshold !== null && fund.approvalPolicy !== null) {
        const proposal = proposeDisbursement({
          proposalId,
          command,
          disbursed: paid,
          threshold,
          proposedBy: context.actor,
          proposedByRole: context.role,
          proposedAt: this.clock.now(),
          ttlHours: fund.approvalPolicy.proposalTtlHours,
        });
        const position = await this.streams.save(
          [
            this.streams.proposalChange(await this.streams.loadProposal(proposalId), proposal.proposal),
            this.streams.grantChange(grant, proposal.grant),
          ],
          context,
          command.disbursedOn,
        );
        return { kind: 'proposed' as const, position, paid, threshold, expiresAt: proposal.expiresAt };
      }
      const position = await this.streams.save([this.streams.grantChange(grant, events)], context, command.disbursedOn);
      return { kind: 'paid' as const, position, paid };
    });
    const { paid } = outcome;
    if (outcome.kind === 'proposed') {
      return {
        proposalId,
        status: 'pending',
        action: 'disburse-grant',
        grantId: command.grantId,
        disbursementId: command.disbursementId,
        expiresAt: outcome.expiresAt.toISOString(),
        reserved: paid.paid.toJSON(),
        threshold: outcome.threshold.toJSON(),
        position: outcome.position.toString(),
      };
    }
    return { ...disbursementAnswer(paid), position: outcome.position.toString() };
  }
}

/** The answer of a disbursement paid (directly, or on confirmation of its proposal). */
export function disbursementAnswer(paid: GrantDisbursed): DisbursementAnswer {
  return {
    grantId: paid.grantId,
    disbursementId: paid.disbursementId,
    paid: paid.paid.toJSON(),
    rule: paid.rule,
    invoicedTotal: paid.invoicedTotal.toJSON(),
    disbursedTotal: paid.disbursedTotal.toJSON(),
    commitmentLeft: paid.commitmentLeft.toJSON(),
  };
}
