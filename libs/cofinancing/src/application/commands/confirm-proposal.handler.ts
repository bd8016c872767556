import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import { Money } from '@ledger/money';
import { Clock } from '@ledger/platform';
import {
  approvalCommandOf,
  approveGrant,
  correctionCommandOf,
  disburseGrant,
  disbursementCommandOf,
  evolveBeneficiaryStream,
  evolveFundStream,
  evolveGrantStream,
  ProposalConfirmed,
  releaseReservations,
  requirePendingProposal,
  reverseDisbursement,
  type ApprovalProposed,
  type CorrectionProposed,
  type DisbursementProposed,
  type DisbursementReversed,
  type GrantApproved,
  type GrantDisbursed,
  type ProposalState,
} from '../../domain';
import type { Loaded } from '@ledger/event-sourcing';
import { CofinancingStreams } from '../cofinancing-streams';
import { disbursementAnswer } from './disburse-grant.handler';
import { reversalAnswer } from './reverse-disbursement.handler';
import { ConfirmProposalCommand, type ProposalSettledAnswer } from './settle-proposal.command';

type Confirmation = { position: bigint; answer: Omit<ProposalSettledAnswer, 'proposalId' | 'status'> };

/**
 * A second fund manager confirms a proposal: its reservations are released and the original
 * command is decided again on current state (so without its own reservation, but with everyone
 * else's), and the real events, the release and the confirmation go in one atomic append over
 * the proposal stream and every stream it reserved on (fund, beneficiary and grant for an
 * approval; the grant for a disbursement or correction). The proposer may not confirm (403).
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
      switch (pending.action) {
        case 'approve-grant':
          return this.approval(proposal, pending, context, at);
        case 'disburse-grant':
          return this.disbursement(proposal, pending, context, at);
        case 'reverse-disbursement':
          return this.correction(proposal, pending, context, at);
      }
    });
    return {
      proposalId: command.proposalId,
      status: 'confirmed' as const,
      ...outcome.answer,
      position: outcome.position.toString(),
    };
  }

  private confirmed(pending: { proposalId: string }, context: CommandContext, at: Date, committed: Money) {
    return ProposalConfirmed.create({
      proposalId: pending.proposalId,
      confirmedBy: context.actor,
      confirmedAt: at.toISOString(),
      committed,
    });
  }

  private async approval(
    proposal: Loaded<ProposalState>,
    pending: ApprovalProposed,
    context: CommandContext,
    at: Date,
  ): Promise<Confirmation> {
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
    const position = await this.streams.save(
      [
        this.streams.proposalChange(proposal, [this.confirmed(pending, context, at, approved.subsidy)]),
        this.streams.grantChange(grant, [...release.grant, ...decision.grant]),
        this.streams.fundChange(fund, [...release.fund, ...decision.fund]),
        this.streams.beneficiaryChange(beneficiary, [...release.beneficiary, ...decision.beneficiary]),
      ],
      { ...context, causationId: pending.proposalId },
      approveCommand.approvedOn,
    );
    return {
      position,
      answer: {
        action: pending.action,
        grantId: approved.grantId,
        subsidy: approved.subsidy.toJSON(),
        released: pending.amount.toJSON(),
      },
    };
  }

  private async disbursement(
    proposal: Loaded<ProposalState>,
    pending: DisbursementProposed,
    context: CommandContext,
    at: Date,
  ): Promise<Confirmation> {
    const grant = await this.streams.loadGrant(pending.grantId);
    const release = releaseReservations(pending, 'confirmed');
    const disburse = disbursementCommandOf(pending);
    const events = disburseGrant(disburse, release.grant.reduce(evolveGrantStream, grant.state));
    const paid = events[0] as GrantDisbursed;
    const position = await this.streams.save(
      [
        this.streams.proposalChange(proposal, [this.confirmed(pending, context, at, paid.paid)]),
        this.streams.grantChange(grant, [...release.grant, ...events]),
      ],
      { ...context, causationId: pending.proposalId },
      disburse.disbursedOn,
    );
    return {
      position,
      answer: {
        action: pending.action,
        grantId: pending.grantId,
        disbursement: disbursementAnswer(paid),
        released: pending.amount.toJSON(),
      },
    };
  }

  private async correction(
    proposal: Loaded<ProposalState>,
    pending: CorrectionProposed,
    context: CommandContext,
    at: Date,
  ): Promise<Confirmation> {
    const grant = await this.streams.loadGrant(pending.grantId);
    const release = releaseReservations(pending, 'confirmed');
    const correct = correctionCommandOf(pending);
    const events = reverseDisbursement(correct, release.grant.reduce(evolveGrantStream, grant.state));
    const reversed = events[0] as DisbursementReversed;
    const replacement = (events[1] as GrantDisbursed | undefined) ?? null;
    const committed = replacement?.paid ?? Money.zero(reversed.paid.currency);
    const position = await this.streams.save(
      [
        this.streams.proposalChange(proposal, [this.confirmed(pending, context, at, committed)]),
        this.streams.grantChange(grant, [...release.grant, ...events]),
      ],
      // A correction's causation is the entry it corrects, however it was decided.
      { ...context, causationId: correct.corrects.eventId },
      reversed.disbursedOn,
    );
    return {
      position,
      answer: {
        action: pending.action,
        grantId: pending.grantId,
        correction: reversalAnswer(reversed, replacement),
        released: pending.amount.toJSON(),
      },
    };
  }
}
