import type { ProposalPending } from '@ledger/four-eyes';
import type { DepositReversalSubjects, ReverseCompanyDeposit } from '../../domain';
import type { MoneyView } from './command-support';
import { GuaranteesCommand } from './guarantees.command';

export interface DepositReversalReceipt {
  readonly companyId: string;
  readonly depositId: string;
  readonly reversed: MoneyView;
  readonly correctsEventId: string;
  readonly correctsPosition: string;
  readonly fundBalance: MoneyView;
  /** The deposit booked on the right company in the same append, if one was named. */
  readonly movedTo: { readonly companyId: string; readonly depositId: string } | null;
}

/** The handler finds the recorded deposit it corrects (`corrects`). */
export class ReverseDepositCommand extends GuaranteesCommand<
  Omit<ReverseCompanyDeposit, 'corrects'>,
  DepositReversalReceipt | ProposalPending<DepositReversalSubjects>
> {}
