import { Query } from '@nestjs/cqrs';
import type { AsOfInput, AsOfStamp } from '@ledger/event-sourcing';
import type { loanCoverageView } from './loan-coverage.view';

/** One of a bank's loans, as `GET /banks/:bankId/loan-coverage` answers it. */
export type BankLoanView = ReturnType<typeof loanCoverageView>;

/**
 * Every loan of one bank with a guarantee, by issuing date: now from the read models, or with
 * `at` as of that date (as known then) from the as-of projection, stamped with that point.
 */
export class ListBankGuaranteesQuery extends Query<{ items: BankLoanView[] } & Partial<AsOfStamp>> {
  constructor(
    readonly bankId: string,
    readonly at: AsOfInput | null = null,
  ) {
    super();
  }
}
