import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandHandlers } from './application/commands';
import { guaranteesControllers } from './application/http';
import { queryHandlers } from './application/queries';
import { GuaranteesReadModel } from './application/queries/guarantees.read-model';
import { GuaranteeBalancesAsOf, GuaranteeBalancesAsOfHandler } from './application/as-of';

/** Mutual guarantee companies, federations, bank conventions and guarantees, over the shared ledger runtime. */
@Module({
  imports: [CqrsModule],
  controllers: guaranteesControllers,
  providers: [
    ...commandHandlers,
    GuaranteesReadModel,
    ...queryHandlers,
    GuaranteeBalancesAsOf,
    GuaranteeBalancesAsOfHandler,
  ],
  exports: [GuaranteeBalancesAsOf],
})
export class GuaranteesModule {}
