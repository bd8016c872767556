import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newEntityId } from '@ledger/event-sourcing';
import { Clock } from '@ledger/platform';
import {
  correctionNeedsSecondPerson,
  DisbursementNotFound,
  GrantNotFound,
  grantStreamId,
  proposeCorrection,
  requireOpenFund,
  reverseDisbursement,
  type DisbursementReversed,
  type GrantDisbursed,
} from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import type { ProposalPendingAnswer } from './approve-grant.command';
import { ReverseDisbursementCommand, type DisbursementReversalAnswer } from './reverse-disbursement.command';

/**
 * A correction: reverses a disbursement (and records the right one in its place, when given) in
 * one append to the grant stream. The reversal names the GrantDisbursed event it corrects (id and
 * position, in its payload; the id is also its causation id), and is recorded with that entry's
 * business time: as of any date, the ledger now shows what was true; as known before the
 * correction was recorded, it still shows what was known then.
 *
 * Four-eyes: under a policy with `correctionsNeedSecondPerson`, nothing is reversed; a proposal
 * is recorded instead, and the grant locks the entry and reserves the extra commitment the
 * replacement would use (with its invoice reference and disbursement id), in the same append.
 */
@CommandHandler(ReverseDisbursementCommand)
export class ReverseDisbursementHandler implements ICommandHandler<ReverseDisbursementCommand> {
  constructor(
    private readonly streams: CofinancingStreams,
    private readonly clock: Clock,
  ) {}

  async execute({
    command,
    context,
  }: ReverseDisbursementCommand): Promise<(DisbursementReversalAnswer | ProposalPendingAnswer) & { position: string }> {
    const proposalId = newEntityId(context, 'correction-proposal');
    const outcome = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      if (grant.state.status === 'none') throw new GrantNotFound(command.grantId);
      const corrects = await this.streams.findRecorded(
        grantStreamId(command.grantId),
        (event) => event.type === 'cofinancing.GrantDisbursed' && event.data.disbursementId === command.disbursementId,
      );
      if (!corrects) throw new DisbursementNotFound(command.grantId, command.disbursementId);
      const full = { ...command, corrects };
      const events = reverseDisbursement(full, grant.state);
      const reversed = events[0] as DisbursementReversed;
      const replacement = (events[1] as GrantDisbursed | undefined) ?? null;
      const { fundId } = grant.state.request;
      const fund = requireOpenFund((await this.streams.loadFund(fundId)).state, fundId);
      if (correctionNeedsSecondPerson(fund.approvalPolicy) && fund.approvalPolicy !== null) {
        // The grant's disbursed total now: after the reversal, plus what it reverses.
        const disbursedBefore = reversed.disbursedTotal.plus(reversed.paid);
        const proposal = proposeCorrection({
          proposalId,
          command: full,
          reversed,
          replacement,
          disbursedBefore,
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
          command.correctedOn,
        );
        return { kind: 'proposed' as const, position, reserved: proposal.amount, expiresAt: proposal.expiresAt };
      }
      const position = await this.streams.save(
        [this.streams.grantChange(grant, events)],
        { ...context, causationId: corrects.eventId },
        reversed.disbursedOn,
      );
      return { kind: 'reversed' as const, position, reversed, replacement };
    });
    if (outcome.kind === 'proposed') {
      return {
        proposalId,
        status: 'pending',
        action: 'reverse-disbursement',
        grantId: command.grantId,
        disbursementId: command.disbursementId,
        expiresAt: outcome.expiresAt.toISOString(),
        reserved: outcome.reserved.toJSON(),
        threshold: null,
        position: outcome.position.toString(),
      };
    }
    return { ...reversalAnswer(outcome.reversed, outcome.replacement), position: outcome.position.toString() };
  }
}

/** The answer of a correction recorded (directly, or on confirmation of its proposal). */
export function reversalAnswer(
  reversed: DisbursementReversed,
  replacement: GrantDisbursed | null,
): DisbursementReversalAnswer {
  const last = replacement ?? reversed;
  return {
    grantId: reversed.grantId,
    disbursementId: reversed.disbursementId,
    reversed: reversed.paid.toJSON(),
    correctsEventId: reversed.correctsEventId,
    correctsPosition: reversed.correctsPosition,
    replacement: replacement
      ? { disbursementId: replacement.disbursementId, paid: replacement.paid.toJSON(), rule: replacement.rule }
      : null,
    invoicedTotal: last.invoicedTotal.toJSON(),
    disbursedTotal: last.disbursedTotal.toJSON(),
    commitmentLeft: last.commitmentLeft.toJSON(),
  };
}
