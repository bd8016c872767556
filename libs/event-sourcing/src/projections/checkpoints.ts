import type { EntityManager } from 'typeorm';

/** Something that runs SQL: a transaction's manager, or a data source. */
export interface SqlQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Another applier moved a checkpoint since this one read it (a second process that also believed
 * it held the lease, or a CLI catch-up): the page is not applied — its transaction is rolled back
 * before any row is written — and the applier reloads the stored checkpoints.
 */
export class CheckpointMoved extends Error {
  constructor(readonly names: readonly string[]) {
    super(`projection checkpoint moved by another applier: ${names.join(', ')}`);
  }
}

export async function readCheckpoint(db: SqlQueryable, name: string): Promise<bigint> {
  const rows = (await db.query('SELECT position FROM projection_checkpoints WHERE name = $1', [name])) as {
    position: string;
  }[];
  return rows.length === 0 ? 0n : BigInt(rows[0].position);
}

export interface StoredCheckpoint {
  readonly position: bigint;
  /** The failure stored by whichever process applies it, until a page is applied again. */
  readonly failure: { readonly position: bigint; readonly message: string } | null;
}

/** The stored checkpoints of `names` (0 for one never applied). */
export async function readCheckpoints(
  db: SqlQueryable,
  names: readonly string[],
): Promise<Map<string, StoredCheckpoint>> {
  const rows = (await db.query(
    `SELECT name, position, last_error, failed_position FROM projection_checkpoints WHERE name = ANY($1::text[])`,
    [names],
  )) as { name: string; position: string; last_error: string | null; failed_position: string | null }[];
  const stored = new Map<string, StoredCheckpoint>(names.map((name) => [name, { position: 0n, failure: null }]));
  for (const row of rows)
    stored.set(row.name, {
      position: BigInt(row.position),
      failure: row.last_error === null ? null : { position: BigInt(row.failed_position ?? 0), message: row.last_error },
    });
  return stored;
}

/**
 * Compare-and-set, first thing in a page's transaction: moves each checkpoint from the position
 * the applier read to `last`, or throws CheckpointMoved if any is no longer there. The update
 * locks the checkpoint rows, so a concurrent applier of the same projections waits for this
 * transaction and then finds them moved: a page is never applied twice, whoever holds the lease.
 * A success also clears the projection's last failure.
 */
export async function advanceCheckpoints(
  manager: EntityManager,
  moves: readonly { readonly name: string; readonly from: bigint }[],
  last: bigint,
): Promise<void> {
  const names = moves.map((move) => move.name);
  const from = moves.map((move) => move.from.toString());
  if (moves.some((move) => move.from === 0n)) {
    // Never applied (or reset): the row may not exist yet.
    await manager.query(
      `INSERT INTO projection_checkpoints (name, position, updated_at)
       SELECT name, 0, now() FROM unnest($1::text[], $2::bigint[]) AS c(name, position) WHERE position = 0
       ON CONFLICT (name) DO NOTHING`,
      [names, from],
    );
  }
  const moved = (await manager.query(
    `UPDATE projection_checkpoints AS c
        SET position = $3, updated_at = now(), last_error = NULL, last_error_at = NULL, failed_position = NULL
       FROM unnest($1::text[], $2::bigint[]) AS e(name, position)
      WHERE c.name = e.name AND c.position = e.position
      RETURNING c.name`,
    [names, from, last.toString()],
  )) as unknown;
  // TypeORM answers an UPDATE … RETURNING with [rows, count] on PostgreSQL.
  const rows = (Array.isArray(moved) && Array.isArray(moved[0]) ? moved[0] : moved) as { name: string }[];
  if (rows.length !== moves.length) {
    const done = new Set(rows.map((row) => row.name));
    throw new CheckpointMoved(names.filter((name) => !done.has(name)));
  }
}

/** Keeps a projection's failure where every process (and `ledger status`) can see it. */
export async function recordFailure(db: SqlQueryable, name: string, position: bigint, message: string): Promise<void> {
  await db.query(
    `INSERT INTO projection_checkpoints (name, position, updated_at, last_error, last_error_at, failed_position)
     VALUES ($1, 0, now(), $2, now(), $3)
     ON CONFLICT (name) DO UPDATE
       SET last_error = EXCLUDED.last_error, last_error_at = EXCLUDED.last_error_at,
           failed_position = EXCLUDED.failed_position`,
    [name, message.slice(0, 2_000), position.toString()],
  );
}
