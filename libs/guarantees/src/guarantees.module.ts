import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandHandlers, commandWriters } from './application/commands';
import { guaranteesControllers } from './application/http';
import { queryHandlers } from './application/queries';
import { GuaranteesReadModel } from './application/queries/guarantees.read-model';
import { GuaranteeBalancesAsOf, GuaranteeBalancesAsOfHandler } from './application/as-of';
import { GuaranteesExpiryScheduler } from './application/four-eyes/expiry-scheduler';

/** Mutual guarantee companies, federations, bank conventions and guarantees, over the shared ledger runtime. */
@Module({
  imports: [CqrsModule],
  controllers: guaranteesControllers,
  providers: [
    ...commandWriters,
    ...commandHandlers,
    GuaranteesReadModel,
    ...queryHandlers,
    GuaranteeBalancesAsOf,
    GuaranteeBalancesAsOfHandler,
    GuaranteesExpiryScheduler,
  ],
  exports: [GuaranteeBalancesAsOf, GuaranteesExpiryScheduler],
})
export class GuaranteesModule {}
