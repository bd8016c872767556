import type { SqlQueryable } from './checkpoints';

/**
 * `current`: at the head. `catching-up`: behind, but moving and within the lag allowed.
 * `behind`: more events behind than allowed. `stuck`: behind, and either nobody holds the lease or
 * its checkpoint has not moved for too long. `failed`: applying an event failed (it is retried).
 */
export type ProjectionState = 'current' | 'catching-up' | 'behind' | 'stuck' | 'failed';

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: bigint;
  readonly lag: bigint;
  readonly state: ProjectionState;
  /** When its checkpoint last moved (null: never applied). */
  readonly updatedAt: Date | null;
  readonly lastError: { readonly message: string; readonly position: bigint; readonly at: Date } | null;
}

export interface ProjectionLeaseStatus {
  readonly name: string;
  readonly holder: string;
  readonly acquiredAt: Date;
  readonly expiresAt: Date;
  /** Not expired (by the database's clock). */
  readonly live: boolean;
}

export interface ProjectionsStatus {
  readonly head: bigint;
  readonly lease: ProjectionLeaseStatus | null;
  readonly projections: readonly ProjectionStatus[];
  /** No projection stuck, failed or behind: what readiness and `ledger status` go by. */
  readonly healthy: boolean;
  /** One line per projection that is not healthy, saying why. */
  readonly problems: readonly string[];
}

export interface ProjectionsStatusThresholds {
  /** More events behind than this is `behind`. */
  readonly maxLag: number;
  /** Behind and unmoved for longer than this is `stuck`. */
  readonly stuckAfterMs: number;
}

/**
 * The projections as stored — checkpoints, last failures and the lease — so that any process, or
 * the CLI with no service running, reports the same truth (not what one process holds in memory).
 */
export async function readProjectionsStatus(
  db: SqlQueryable,
  head: bigint,
  names: readonly string[],
  leaseName: string,
  thresholds: ProjectionsStatusThresholds,
): Promise<ProjectionsStatus> {
  const leases = (await db.query(
    `SELECT name, holder, acquired_at, expires_at, expires_at > now() AS live,
            (extract(epoch FROM now() - acquired_at) * 1000)::bigint AS held_ms
       FROM projection_leases WHERE name = $1`,
    [leaseName],
  )) as { name: string; holder: string; acquired_at: Date; expires_at: Date; live: boolean; held_ms: string }[];
  const rows = (await db.query(
    `SELECT name, position, updated_at, last_error, last_error_at, failed_position,
            (extract(epoch FROM now() - updated_at) * 1000)::bigint AS idle_ms
       FROM projection_checkpoints WHERE name = ANY($1::text[])`,
    [names],
  )) as {
    name: string;
    position: string;
    updated_at: Date;
    last_error: string | null;
    last_error_at: Date | null;
    failed_position: string | null;
    idle_ms: string;
  }[];
  const lease = leases[0]
    ? {
        name: leases[0].name,
        holder: leases[0].holder,
        acquiredAt: leases[0].acquired_at,
        expiresAt: leases[0].expires_at,
        live: leases[0].live,
      }
    : null;
  const byName = new Map(rows.map((row) => [row.name, row]));
  const problems: string[] = [];
  const projections = names.map((name): ProjectionStatus => {
    const row = byName.get(name);
    const checkpoint = row ? BigInt(row.position) : 0n;
    const lag = head > checkpoint ? head - checkpoint : 0n;
    // Unmoved since its last page, or — never applied — since the holder took the lease.
    const idleMs = row ? Number(row.idle_ms) : lease?.live ? Number(leases[0].held_ms) : Infinity;
    const lastError =
      row?.last_error != null
        ? { message: row.last_error, position: BigInt(row.failed_position ?? 0), at: row.last_error_at ?? new Date(0) }
        : null;
    let state: ProjectionState = lag === 0n ? 'current' : 'catching-up';
    if (lastError) {
      state = 'failed';
      problems.push(`${name} failed at position ${lastError.position}: ${lastError.message}`);
    } else if (lag > 0n && (!lease?.live || idleMs > thresholds.stuckAfterMs)) {
      state = 'stuck';
      problems.push(
        lease?.live
          ? `${name} is stuck at position ${checkpoint}, ${lag} event(s) behind, unmoved for ${Math.round(idleMs / 1000)} s`
          : `${name} is ${lag} event(s) behind and no process holds the projections' lease`,
      );
    } else if (lag > BigInt(thresholds.maxLag)) {
      state = 'behind';
      problems.push(`${name} is ${lag} event(s) behind (more than ${thresholds.maxLag})`);
    }
    return { name, checkpoint, lag, state, updatedAt: row?.updated_at ?? null, lastError };
  });
  return { head, lease, projections, healthy: problems.length === 0, problems };
}

/** The status as JSON (bigints and dates as text): what `/health`, readiness and `ledger status` show. */
export function projectionsStatusJson(status: ProjectionsStatus) {
  return {
    headPosition: status.head.toString(),
    lease: status.lease && {
      holder: status.lease.holder,
      live: status.lease.live,
      acquiredAt: status.lease.acquiredAt.toISOString(),
      expiresAt: status.lease.expiresAt.toISOString(),
    },
    problems: status.problems,
    projections: status.projections.map((projection) => ({
      name: projection.name,
      state: projection.state,
      checkpoint: projection.checkpoint.toString(),
      lag: projection.lag.toString(),
      updatedAt: projection.updatedAt?.toISOString() ?? null,
      lastError: projection.lastError && {
        message: projection.lastError.message,
        position: projection.lastError.position.toString(),
        at: projection.lastError.at.toISOString(),
      },
    })),
  };
}
