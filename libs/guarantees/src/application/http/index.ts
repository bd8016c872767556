import { BankAccessController } from './bank-access.controller';
import { CompaniesController } from './companies.controller';
import { ConventionsController } from './conventions.controller';
import { FederationsController } from './federations.controller';
import { FundDepositsController } from './fund-deposits.controller';
import { GuaranteeListsController } from './guarantee-lists.controller';
import { GuaranteesController } from './guarantees.controller';
import { MembersController } from './members.controller';
import { GuaranteeProposalsController } from './proposals.controller';

// GuaranteeProposalsController before GuaranteesController: `/guarantees/proposals` is not a guarantee id.

export const guaranteesControllers = [
  GuaranteeProposalsController,
  FederationsController,
  CompaniesController,
  MembersController,
  FundDepositsController,
  ConventionsController,
  GuaranteesController,
  GuaranteeListsController,
  BankAccessController,
];
