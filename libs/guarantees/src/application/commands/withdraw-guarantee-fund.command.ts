import type { ProposalPending } from '@ledger/four-eyes';
import type { FundWithdrawalSubjects } from '../../domain';
import type { FundMovement } from './company-receipts';
import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

/** `overrideHeadroom` (with its `reason`): past the headroom, proposed for a second person instead of refused. */
export type FundWithdrawal = CompanyCommandOf<'WithdrawGuaranteeFund'> & {
  readonly overrideHeadroom?: boolean;
  readonly reason?: string | null;
};

export class WithdrawGuaranteeFundCommand extends GuaranteesCommand<
  FundWithdrawal,
  FundMovement | ProposalPending<FundWithdrawalSubjects>
> {}
