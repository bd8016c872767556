import { GetBeneficiaryHandler } from './get-beneficiary.handler';
import { GetFundBalanceHistoryHandler } from './get-fund-balance-history.handler';
import { GetFundHandler } from './get-fund.handler';
import { GetGrantHandler } from './get-grant.handler';
import { GetSubsidyPreviewHandler } from './get-subsidy-preview.handler';
import { ListBeneficiariesHandler } from './list-beneficiaries.handler';
import { ListDonorsHandler } from './list-donors.handler';
import { ListFundsHandler } from './list-funds.handler';
import { ListGrantsHandler } from './list-grants.handler';
export { GRANTS_LIST } from './list-grants.handler';
import { ListWindowsHandler } from './list-windows.handler';

export { GetBeneficiaryQuery } from './get-beneficiary.query';
export { GetFundBalanceHistoryQuery } from './get-fund-balance-history.query';
export { GetFundQuery } from './get-fund.query';
export { GetGrantQuery } from './get-grant.query';
export { GetSubsidyPreviewQuery } from './get-subsidy-preview.query';
export { ListBeneficiariesQuery } from './list-beneficiaries.query';
export { ListDonorsQuery } from './list-donors.query';
export { ListFundsQuery } from './list-funds.query';
export { ListGrantsQuery } from './list-grants.query';
export { ListWindowsQuery } from './list-windows.query';

export const queryHandlers = [
  GetFundHandler,
  ListWindowsHandler,
  ListDonorsHandler,
  GetBeneficiaryHandler,
  ListBeneficiariesHandler,
  ListGrantsHandler,
  GetGrantHandler,
  ListFundsHandler,
  GetFundBalanceHistoryHandler,
  GetSubsidyPreviewHandler,
];
