import type { Type } from '@nestjs/common';
import type { ContextReadModels } from '@ledger/platform';
import { CofinancingModule, cofinancingReadModels } from '@ledger/cofinancing';
import { GuaranteesModule, guaranteesReadModels } from '@ledger/guarantees';

/** The bounded contexts the service runs: their Nest module and their read models. */
export interface LedgerContext {
  readonly module: Type<unknown>;
  readonly readModels: ContextReadModels;
}

export const ledgerContexts: readonly LedgerContext[] = [
  { module: CofinancingModule, readModels: cofinancingReadModels },
  { module: GuaranteesModule, readModels: guaranteesReadModels },
];
