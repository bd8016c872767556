import type { DynamicModule, Type } from '@nestjs/common';
import type { ContextReadModels } from '@ledger/platform';
import { AccessModule, accessReadModels } from '@ledger/access';
import { CofinancingModule, cofinancingFourEyes, cofinancingReadModels } from '@ledger/cofinancing';
import { FourEyesModule, proposalReadModels } from '@ledger/four-eyes';
import { GuaranteesModule, guaranteesFourEyes, guaranteesReadModels } from '@ledger/guarantees';
import { TamperEvidenceModule, tamperEvidenceReadModels } from '@ledger/audit';

/** The bounded contexts the service runs: their Nest module and their read models. */
export interface LedgerContext {
  readonly module: Type<unknown> | DynamicModule;
  readonly readModels: ContextReadModels;
}

/** The contexts whose actions may need a second person. */
const fourEyes = [cofinancingFourEyes, guaranteesFourEyes];

export const ledgerContexts: readonly LedgerContext[] = [
  // Users, API keys, the access guard: its tables come with no projections.
  { module: AccessModule, readModels: accessReadModels },
  { module: CofinancingModule, readModels: cofinancingReadModels },
  { module: GuaranteesModule, readModels: guaranteesReadModels },
  // Four-eyes for both: the one proposal kind, its /proposals routes, its read model and its expiry.
  { module: FourEyesModule.register(fourEyes), readModels: proposalReadModels(fourEyes) },
  { module: TamperEvidenceModule, readModels: tamperEvidenceReadModels },
];
