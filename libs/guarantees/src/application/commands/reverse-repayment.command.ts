import type { ProposalPending } from '@ledger/four-eyes';
import type { RepaymentReversalSubjects } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteesCommand } from './guarantees.command';

/** The handler finds the recorded repayment (`repaymentEventId`) and its figures. */
export class ReverseRepaymentCommand extends GuaranteesCommand<
  {
    readonly guaranteeId: string;
    readonly repaymentEventId: string;
    readonly reason: string;
    readonly correctedOn: string;
  },
  GuaranteeReceipt | ProposalPending<RepaymentReversalSubjects>
> {}
