import { GetFederationHandler } from './get-federation.handler';
import { GetCompanyHandler } from './get-company.handler';
import { ListCompaniesHandler } from './list-companies.handler';
import { ListMembersHandler } from './list-members.handler';
import { GetConventionHandler } from './get-convention.handler';
import { ListConventionGuaranteesHandler } from './list-convention-guarantees.handler';
import { GetGuaranteeHandler } from './get-guarantee.handler';
import { GetLoanCoverageHandler } from './get-loan-coverage.handler';
import { GetConventionHeadroomHandler } from './get-convention-headroom.handler';
import { ListBankConventionsHandler } from './list-bank-conventions.handler';
import { ListBankConventionGuaranteesHandler } from './list-bank-convention-guarantees.handler';
import { ListBankGuaranteesHandler } from './list-bank-guarantees.handler';

export const queryHandlers = [
  GetFederationHandler,
  GetCompanyHandler,
  ListCompaniesHandler,
  ListMembersHandler,
  GetConventionHandler,
  ListConventionGuaranteesHandler,
  GetGuaranteeHandler,
  GetLoanCoverageHandler,
  GetConventionHeadroomHandler,
  ListBankConventionsHandler,
  ListBankConventionGuaranteesHandler,
  ListBankGuaranteesHandler,
];
