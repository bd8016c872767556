import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, positionOf } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { companyModel, CorrectionReasonMissing, decideApprovalPolicy, streamIds } from '../../domain';
import { ProposalSettlement } from '../four-eyes/proposal-settlement';
import {
  ConfirmGuaranteeProposalCommand,
  DeclineGuaranteeProposalCommand,
  ExpireGuaranteeProposalCommand,
  SetCompanyApprovalPolicyCommand,
} from './four-eyes.commands';

/** Sets (or replaces) a company's four-eyes policy: one event on the company stream. */
@CommandHandler(SetCompanyApprovalPolicyCommand)
export class SetCompanyApprovalPolicyHandler implements ICommandHandler<SetCompanyApprovalPolicyCommand> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ companyId, input, context }: SetCompanyApprovalPolicyCommand) {
    const repository = this.runtime.repository;
    const position = await repository.execute(async () => {
      const company = await repository.load(streamIds.company(companyId), companyModel);
      const events = decideApprovalPolicy(companyId, input, company.state);
      return positionOf(
        await repository.save([{ stream: company, model: companyModel, events }], context, businessTime(input.setOn)),
      );
    });
    await this.runtime.committed(position);
    return { companyId, position: position.toString() };
  }
}

/** A second guarantee officer confirms a proposal; the proposer may not (403, nothing written). */
@CommandHandler(ConfirmGuaranteeProposalCommand)
export class ConfirmGuaranteeProposalHandler implements ICommandHandler<ConfirmGuaranteeProposalCommand> {
  constructor(private readonly settlement: ProposalSettlement) {}

  execute({ proposalId, context }: ConfirmGuaranteeProposalCommand) {
    return this.settlement.confirm(proposalId, context);
  }
}

/** Declines a pending proposal (any guarantee officer, the proposer too: withdrawing needs no second person). */
@CommandHandler(DeclineGuaranteeProposalCommand)
export class DeclineGuaranteeProposalHandler implements ICommandHandler<DeclineGuaranteeProposalCommand> {
  constructor(private readonly settlement: ProposalSettlement) {}

  execute({ proposalId, reason, context }: DeclineGuaranteeProposalCommand) {
    const trimmed = reason.trim();
    if (trimmed.length === 0) throw new CorrectionReasonMissing();
    return this.settlement.decline(proposalId, trimmed, context);
  }
}

/** Expires a pending proposal past its deadline and releases its reservations; idempotent. */
@CommandHandler(ExpireGuaranteeProposalCommand)
export class ExpireGuaranteeProposalHandler implements ICommandHandler<ExpireGuaranteeProposalCommand> {
  constructor(private readonly settlement: ProposalSettlement) {}

  execute({ proposalId, context }: ExpireGuaranteeProposalCommand) {
    return this.settlement.expire(proposalId, context);
  }
}
