import { CreateIdempotencyKeys1764130000002 } from './idempotency/1764130000002-create-idempotency-keys';
import { CreateProjectionCheckpoints1764130000001 } from './projections/1764130000001-create-projection-checkpoints';

export const eventSourcingMigrations = [CreateProjectionCheckpoints1764130000001, CreateIdempotencyKeys1764130000002];
