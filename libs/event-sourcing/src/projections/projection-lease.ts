import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { SqlQueryable } from './checkpoints';

export interface ProjectionLeaseOptions {
  /** How long a holder that stops renewing keeps the lease (its process died or lost the database). */
  readonly ttlMs?: number;
}

/**
 * Which process applies the projections of a schema, held in PostgreSQL (a row per lease with an
 * expiry, renewed by its holder) — the pattern of Marten's async daemon and Eventuous: one active
 * applier, the others standing by and taking over once the lease has expired. It is not the
 * safety: each page's transaction also compares-and-sets the checkpoints (see
 * `advanceCheckpoints`), so two processes that both believe they hold it still never apply a page
 * twice. Times are the database's clock, so processes' clocks need not agree.
 */
export class ProjectionLease {
  /** This process's name in `projection_leases.holder` (host, pid and a random part). */
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly ttlMs: number;
  private heldUntil = 0;
  private renewedAt = 0;

  constructor(
    private readonly db: SqlQueryable,
    readonly name: string,
    options: ProjectionLeaseOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 5_000;
  }

  /** True while this process believes it holds the lease (by its own clock, with a margin). */
  get held(): boolean {
    return Date.now() < this.heldUntil;
  }

  /**
   * Takes the lease if it is free or expired, renews it if held (at most every third of the TTL).
   * Returns whether this process holds it, and whether it has just taken it.
   */
  async ensure(): Promise<{ held: boolean; acquired: boolean }> {
    const wasHeld = this.held;
    if (wasHeld && Date.now() - this.renewedAt < this.ttlMs / 3) return { held: true, acquired: false };
    const started = Date.now();
    const rows = (await this.db.query(
      `INSERT INTO projection_leases AS l (name, holder, acquired_at, renewed_at, expires_at)
       VALUES ($1, $2, now(), now(), now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE
         SET holder = EXCLUDED.holder,
             acquired_at = CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE now() END,
             renewed_at = now(), expires_at = EXCLUDED.expires_at
       WHERE l.holder = EXCLUDED.holder OR l.expires_at < now()
       RETURNING holder`,
      [this.name, this.holder, this.ttlMs],
    )) as { holder: string }[];
    if (rows.length === 1) {
      this.renewedAt = started;
      // Counted from before the statement, minus a margin: this process gives up applying a little
      // before the others may take over.
      this.heldUntil = started + this.ttlMs * 0.8;
      return { held: true, acquired: !wasHeld };
    }
    this.heldUntil = 0;
    return { held: false, acquired: false };
  }

  /** Gives the lease up at once (a clean shutdown), so another process takes over without waiting. */
  async release(): Promise<void> {
    if (this.heldUntil === 0) return;
    this.heldUntil = 0;
    await this.db.query('DELETE FROM projection_leases WHERE name = $1 AND holder = $2', [this.name, this.holder]);
  }
}
