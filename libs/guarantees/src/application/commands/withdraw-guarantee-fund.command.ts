import type { FundMovement } from './company-receipts';
import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

export class WithdrawGuaranteeFundCommand extends GuaranteesCommand<
  CompanyCommandOf<'WithdrawGuaranteeFund'>,
  FundMovement
> {}
