import { BankAccessController } from './bank-access.controller';
import { CompaniesController } from './companies.controller';
import { ConventionsController } from './conventions.controller';
import { FederationsController } from './federations.controller';
import { FundDepositsController } from './fund-deposits.controller';
import { GuaranteesController } from './guarantees.controller';
import { MembersController } from './members.controller';

export const guaranteesControllers = [
  FederationsController,
  CompaniesController,
  MembersController,
  FundDepositsController,
  ConventionsController,
  GuaranteesController,
  BankAccessController,
];
