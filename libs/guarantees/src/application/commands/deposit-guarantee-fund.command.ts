import type { FundMovement } from './company-receipts';
import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

export class DepositGuaranteeFundCommand extends GuaranteesCommand<
  CompanyCommandOf<'DepositGuaranteeFund'>,
  FundMovement
> {}
