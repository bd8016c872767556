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

export { CofinancingModule } from './cofinancing.module';

export const cofinancingReadModels: ContextReadModels = {
  entities: cofinancingEntities,
  migrations: [
    CreateCofinancingReadModels1764200000000,
    CreateCofinancingBalancesAsOf1764610000000,
    AddDisbursementCorrections1764700000000,
  ],
  projections: [
    new CofinancingFundsProjection(),
    new CofinancingBeneficiariesProjection(),
    new CofinancingGrantsProjection(),
    cofinancingBalancesProjection,
  ],
};

// Four-eyes: the actions this context runs through the one four-eyes wrapper (@ledger/four-eyes).
export { cofinancingFourEyes } from './application/four-eyes/cofinancing-four-eyes';

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
// The as-of balance ledger itself (its full-scan reader is what the as-of benchmark compares against).
export { cofinancingBalances } from './application/as-of';

// The commands, for whoever drives the command bus from outside the context (the CLI seed, the benches).
export {
  AddMemberFirmCommand,
  AmendScheduleCommand,
  ApproveGrantCommand,
  CancelGrantCommand,
  CloseGrantCommand,
  CreateFundCommand,
  DisburseGrantCommand,
  EnrolBeneficiaryCommand,
  OpenWindowCommand,
  RecordContributionCommand,
  RegisterDonorCommand,
  RejectGrantCommand,
  RequestGrantCommand,
  ReverseDisbursementCommand,
  SetApprovalPolicyCommand,
} from './application/commands';

// The pure domain: events and their catalog, stream ids, commands' inputs, states, decisions, typed
// errors. It loads alone, with no framework, from ./domain (see scripts/measure-domain-load.js).
export * from './domain';

// The live read models' figures and balances, for other contexts (the audit's report and exports).
export {
  CofinancingReporting,
  type ApprovedGrantFigures,
  type ApprovedGrantsScope,
  type ApprovedGrantTotals,
  type ApprovedGrantYearTotals,
  type BeneficiaryYearBalancesRow,
  type DonorBalancesRow,
  type FundBalancesRow,
  type MemberFirmsReached,
  type NetworksOfKind,
  type WindowBalancesRow,
} from './application/reporting/cofinancing-reporting';
