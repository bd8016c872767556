import type { ContextReadModels } from '@ledger/platform';
import { CheckpointProjection } from './checkpoint.projection';
import { CreateLedgerCheckpoints1764500000000 } from './1764500000000-create-ledger-checkpoints';
import { CountDigestedEvents1766000000001 } from './1766000000001-count-digested-events';

/** The checkpointer runs beside the read models: its digest state and checkpoints live in PostgreSQL. */
export const tamperEvidenceReadModels: ContextReadModels = {
  entities: [],
  migrations: [CreateLedgerCheckpoints1764500000000, CountDigestedEvents1766000000001],
  projections: [new CheckpointProjection()],
};
