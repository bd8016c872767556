import type { ContextReadModels } from '@ledger/platform';
import { CreateAccessTables1764400000000 } from './application/migrations/1764400000000-create-access-tables';

/**
 * The access tables ride on the shared runtime's migrations. They are not projections (users and
 * keys are credentials, not ledger facts): no projection fills them and a rebuild leaves them be.
 */
export const accessReadModels: ContextReadModels = {
  entities: [],
  migrations: [CreateAccessTables1764400000000],
  projections: [],
};
