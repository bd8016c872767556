import type { Pool } from 'pg';
import type { JsonObject } from '@ledger/event-store';

export interface Snapshot {
  readonly revision: bigint;
  readonly state: JsonObject;
}

export interface SnapshotStore {
  load(streamId: string, stateVersion: number): Promise<Snapshot | null>;
  save(streamId: string, revision: bigint, stateVersion: number, state: JsonObject): Promise<void>;
}

/** Snapshots in PostgreSQL (`ledger_snapshots`): a cache beside the log, safe to drop at any time. */
export class SqlSnapshotStore implements SnapshotStore {
  constructor(private readonly pool: Pool) {}

  async load(streamId: string, stateVersion: number): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<{ stream_revision: string; state: JsonObject }>(
      'SELECT stream_revision, state FROM ledger_snapshots WHERE stream_id = $1 AND state_version = $2',
      [streamId, stateVersion],
    );
    return rows.length === 0 ? null : { revision: BigInt(rows[0].stream_revision), state: rows[0].state };
  }

  async save(streamId: string, revision: bigint, stateVersion: number, state: JsonObject): Promise<void> {
    // Never replace a newer snapshot with an older one (two writers may race here).
    await this.pool.query(
      `INSERT INTO ledger_snapshots (stream_id, stream_revision, state_version, state, taken_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (stream_id) DO UPDATE
         SET stream_revision = EXCLUDED.stream_revision, state_version = EXCLUDED.state_version,
             state = EXCLUDED.state, taken_at = EXCLUDED.taken_at
       WHERE ledger_snapshots.stream_revision < EXCLUDED.stream_revision
          OR ledger_snapshots.state_version <> EXCLUDED.state_version`,
      [streamId, revision.toString(), stateVersion, JSON.stringify(state)],
    );
  }
}
