import type { Pool } from 'pg';

export type IdempotencyClaim =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly outcome: 'conflict'; readonly reason: 'different-request' | 'in-progress' };

/** A pending claim older than this is taken to be from a crashed request and may be re-run. */
const STALE_AFTER_SECONDS = 60;

/**
 * For the writes that are not ledger commands (users and API keys under `/access`, kept in their own
 * tables): the ledger's commands record their key in the same append as their events instead
 * (CommandPipeline), which this table cannot do.
 *
 * Idempotency keys bound to their request: the first request under a key claims it with the hash
 * of its method, path and body; a repeat with the same hash gets the first answer back; the same
 * key with another request is a conflict, never applied (the Formance rule). Keys are scoped to
 * the actor, so two users cannot collide or read each other's answers.
 */
export class IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async claim(actor: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted = await this.pool.query(
      `INSERT INTO idempotency_keys (actor, key, request_hash, status) VALUES ($1, $2, $3, 'pending')
       ON CONFLICT (actor, key) DO NOTHING`,
      [actor, key, requestHash],
    );
    if (inserted.rowCount === 1) return { outcome: 'claimed' };
    const { rows } = await this.pool.query<{
      request_hash: string;
      status: string;
      response_status: number | null;
      response_body: unknown;
      stale: boolean;
    }>(
      `SELECT request_hash, status, response_status, response_body,
              created_at < now() - make_interval(secs => $3) AS stale
         FROM idempotency_keys WHERE actor = $1 AND key = $2`,
      [actor, key, STALE_AFTER_SECONDS],
    );
    const row = rows[0];
    if (!row) return this.claim(actor, key, requestHash);
    if (row.request_hash !== requestHash) return { outcome: 'conflict', reason: 'different-request' };
    if (row.status === 'completed')
      return { outcome: 'replay', status: row.response_status ?? 200, body: row.response_body };
    if (row.stale) {
      // The first attempt died before answering: its change (one transaction) happened or did not,
      // and this re-run cannot tell which — a limit of keeping the key outside that transaction.
      const retaken = await this.pool.query(
        `UPDATE idempotency_keys SET created_at = now()
          WHERE actor = $1 AND key = $2 AND status = 'pending' AND created_at < now() - make_interval(secs => $3)`,
        [actor, key, STALE_AFTER_SECONDS],
      );
      if (retaken.rowCount === 1) return { outcome: 'claimed' };
    }
    return { outcome: 'conflict', reason: 'in-progress' };
  }

  async complete(actor: string, key: string, status: number, body: unknown): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4, completed_at = now()
        WHERE actor = $1 AND key = $2`,
      [actor, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** The command was refused and wrote nothing: free the key so a corrected request can use it. */
  async release(actor: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND status = 'pending'`, [
      actor,
      key,
    ]);
  }
}
