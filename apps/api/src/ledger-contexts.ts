import type { Type } from '@nestjs/common';
import type { ContextReadModels } from '@ledger/platform';
import { AccessModule, accessReadModels } from '@ledger/access';
import { CofinancingModule, cofinancingReadModels } from '@ledger/cofinancing';
import { GuaranteesModule, guaranteesReadModels } from '@ledger/guarantees';
import { TamperEvidenceModule, tamperEvidenceReadModels } from '@ledger/audit';

/** The bounded contexts the service runs: their Nest module and their read models. */
export interface LedgerContext {
  readonly module: Type<unknown>;
  readonly readModels: ContextReadModels;
}

export const ledgerContexts: readonly LedgerContext[] = [
  // Users, API keys, the access guard: its tables come with no projections.
  { module: AccessModule, readModels: accessReadModels },
  { module: CofinancingModule, readModels: cofinancingReadModels },
  { module: GuaranteesModule, readModels: guaranteesReadModels },
  { module: TamperEvidenceModule, readModels: tamperEvidenceReadModels },
];
