import { GetBeneficiaryHandler } from './get-beneficiary.handler';
import { GetFundHandler } from './get-fund.handler';
import { GetGrantHandler } from './get-grant.handler';
import { ListDonorsHandler } from './list-donors.handler';
import { ListGrantsHandler } from './list-grants.handler';
import { ListWindowsHandler } from './list-windows.handler';

export { GetBeneficiaryQuery } from './get-beneficiary.query';
export { GetFundQuery } from './get-fund.query';
export { GetGrantQuery } from './get-grant.query';
export { ListDonorsQuery } from './list-donors.query';
export { ListGrantsQuery } from './list-grants.query';
export { ListWindowsQuery } from './list-windows.query';

export const queryHandlers = [
  GetFundHandler,
  ListWindowsHandler,
  ListDonorsHandler,
  GetBeneficiaryHandler,
  ListGrantsHandler,
  GetGrantHandler,
];
