import { CreateIdempotencyKeys1764130000002 } from './idempotency/1764130000002-create-idempotency-keys';
import { CreateProjectionCheckpoints1764130000001 } from './projections/1764130000001-create-projection-checkpoints';
import { AddProjectionLeases1766000000000 } from './projections/1766000000000-add-projection-leases';

export const eventSourcingMigrations = [
  CreateProjectionCheckpoints1764130000001,
  CreateIdempotencyKeys1764130000002,
  AddProjectionLeases1766000000000,
];
