import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { IssueGuarantee } from '../../domain';
import type { CommandReceipt, MoneyView } from './command-support';
import type { ProposalPendingAnswer } from './four-eyes.commands';

export interface GuaranteeIssuance extends CommandReceipt {
  readonly guaranteeId: string;
  readonly conventionId: string;
  readonly guaranteedAmount: MoneyView;
  /** What the loan adds to the outstanding under the convention's ceiling basis. */
  readonly exposure: MoneyView;
  readonly capacity: MoneyView;
  /** Outstanding and headroom after the issuance. */
  readonly outstanding: MoneyView;
  readonly headroom: MoneyView;
}

/** Above the company's four-eyes threshold: a pending proposal, naming the guarantee it would issue. */
export interface GuaranteeIssuanceProposed extends ProposalPendingAnswer {
  readonly guaranteeId: string;
  readonly conventionId: string;
}

export class IssueGuaranteeCommand extends Command<GuaranteeIssuance | GuaranteeIssuanceProposed> {
  constructor(
    readonly input: Omit<IssueGuarantee, 'guaranteeId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
