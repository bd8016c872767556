import { Module } from '@nestjs/common';
import { commandHandlers } from './application/commands';
import { BeneficiariesController } from './application/http/beneficiaries.controller';
import { DonorsController } from './application/http/donors.controller';
import { FundsController } from './application/http/funds.controller';
import { GrantsController } from './application/http/grants.controller';
import { WindowsController } from './application/http/windows.controller';
import { ApprovalPolicyController } from './application/http/approval-policy.controller';
import { ProposalsController } from './application/http/proposals.controller';
import { queryHandlers } from './application/queries';
import { CofinancingBalancesAsOf, CofinancingBalancesAsOfHandler } from './application/as-of';

/** The co-financing fund: donors, windows with declining schedules, grants from request to closure. */
@Module({
  controllers: [
    FundsController,
    DonorsController,
    WindowsController,
    BeneficiariesController,
    GrantsController,
    ApprovalPolicyController,
    ProposalsController,
  ],
  providers: [...commandHandlers, ...queryHandlers, CofinancingBalancesAsOf, CofinancingBalancesAsOfHandler],
  exports: [CofinancingBalancesAsOf],
})
export class CofinancingModule {}
