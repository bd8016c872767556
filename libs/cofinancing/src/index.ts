// Public door of @ledger/cofinancing: the Nest module and its read models.
import type { ContextReadModels } from '@ledger/platform';
import {
  CofinancingBeneficiariesProjection,
  CofinancingFundsProjection,
  CofinancingGrantsProjection,
  CreateCofinancingReadModels1764200000000,
  cofinancingEntities,
} from './application/projections';

export { CofinancingModule } from './cofinancing.module';

export const cofinancingReadModels: ContextReadModels = {
  entities: cofinancingEntities,
  migrations: [CreateCofinancingReadModels1764200000000],
  projections: [
    new CofinancingFundsProjection(),
    new CofinancingBeneficiariesProjection(),
    new CofinancingGrantsProjection(),
  ],
};
