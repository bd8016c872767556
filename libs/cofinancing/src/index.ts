// Public door of @ledger/cofinancing: the Nest module and its read models.
import type { ContextReadModels } from '@ledger/platform';
import {
  CofinancingBeneficiariesProjection,
  CofinancingFundsProjection,
  CofinancingGrantsProjection,
  AddDisbursementCorrections1764700000000,
  CreateCofinancingReadModels1764200000000,
  cofinancingEntities,
} from './application/projections';
import { CreateCofinancingBalancesAsOf1764610000000, cofinancingBalancesProjection } from './application/as-of';
import { CreateCofinancingProposals1764800000000 } from './application/four-eyes/1764800000000-create-cofinancing-proposals';
import { ExtendCofinancingProposals1764820000000 } from './application/four-eyes/1764820000000-extend-cofinancing-proposals';
import { CofinancingProposalsProjection } from './application/four-eyes/proposals.projection';

export { CofinancingModule } from './cofinancing.module';

export const cofinancingReadModels: ContextReadModels = {
  entities: cofinancingEntities,
  migrations: [
    CreateCofinancingReadModels1764200000000,
    CreateCofinancingBalancesAsOf1764610000000,
    AddDisbursementCorrections1764700000000,
    CreateCofinancingProposals1764800000000,
    ExtendCofinancingProposals1764820000000,
  ],
  projections: [
    new CofinancingFundsProjection(),
    new CofinancingBeneficiariesProjection(),
    new CofinancingGrantsProjection(),
    cofinancingBalancesProjection,
    new CofinancingProposalsProjection(),
  ],
};

// Four-eyes: the injected clock and the expiry scheduler (tests move the clock and call `runDue`).
export { ExpiryScheduler } from './application/four-eyes/expiry-scheduler';

// Balances as of a business date, as known at a record time: for the audit exports and other contexts.
export {
  CofinancingBalancesAsOf,
  COFINANCING_BALANCES_PROJECTION,
  type BeneficiaryBalancesAsOfView,
  type BeneficiaryYearAsOfView,
  type DonorBalancesAsOfView,
  type FundBalancesAsOfView,
  type WindowBalancesAsOfView,
} from './application/as-of';
