import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { CommandReceipt, MoneyView } from './command-support';
import type { ProposalPendingAnswer } from './four-eyes.commands';

export interface DepositReversalReceipt extends CommandReceipt {
  readonly companyId: string;
  readonly depositId: string;
  readonly reversed: MoneyView;
  readonly correctsEventId: string;
  readonly correctsPosition: string;
  readonly fundBalance: MoneyView;
  /** The deposit booked on the right company in the same append, if one was named. */
  readonly movedTo: { readonly companyId: string; readonly depositId: string } | null;
}

export class ReverseDepositCommand extends Command<DepositReversalReceipt | ProposalPendingAnswer> {
  constructor(
    readonly companyId: string,
    readonly input: {
      readonly depositId: string;
      readonly reason: string;
      readonly correctedOn: string;
      readonly moveTo: { readonly companyId: string; readonly depositId: string } | null;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
