import type { DataSource, EntityManager } from 'typeorm';
import type { ActiveAdmin } from '../domain/last-admin';
import type { Role } from '../domain/roles';

type Row = Record<string, unknown>;

export interface UserView {
  readonly userId: string;
  readonly role: Role;
  readonly bankId: string | null;
  readonly displayName: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly disabledAt: string | null;
  readonly disabledBy: string | null;
}

export interface ApiKeyView {
  readonly keyId: string;
  readonly userId: string;
  readonly role: Role;
  readonly label: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

/** A key as found for authentication: its hash, and its user's role, bank and state. */
export interface KeyRecord {
  readonly keyId: string;
  readonly userId: string;
  readonly role: Role;
  readonly bankId: string | null;
  readonly salt: string;
  readonly hash: string;
  readonly active: boolean;
}

export interface DenialRecord {
  readonly status: number;
  readonly reason: string;
  readonly actor: string | null;
  readonly role: string | null;
  readonly keyId: string | null;
  readonly method: string;
  readonly path: string;
  readonly ip: string | null;
}

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).toISOString();

const userView = (row: Row): UserView => ({
  userId: row.user_id as string,
  role: row.role as Role,
  bankId: (row.bank_id as string | null) ?? null,
  displayName: (row.display_name as string | null) ?? null,
  createdAt: iso(row.created_at)!,
  createdBy: row.created_by as string,
  disabledAt: iso(row.disabled_at),
  disabledBy: (row.disabled_by as string | null) ?? null,
});

const keyView = (row: Row): ApiKeyView => ({
  keyId: row.key_id as string,
  userId: row.user_id as string,
  role: row.role as Role,
  label: (row.label as string | null) ?? null,
  createdAt: iso(row.created_at)!,
  createdBy: row.created_by as string,
  revokedAt: iso(row.revoked_at),
  revokedBy: (row.revoked_by as string | null) ?? null,
});

const KEY_COLUMNS = `k.key_id, k.user_id, u.role, k.label, k.created_at, k.created_by, k.revoked_at, k.revoked_by`;

/**
 * The access tables, in SQL on the ledger's one connection pool (no second session on PGlite).
 * Built on the runtime's data source, or on a transaction's entity manager (`inTransaction`).
 */
export class AccessStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  private query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.db.query(sql, params);
  }

  /** TypeORM answers an UPDATE with `[rows, affected]` rather than the rows. */
  private async update(sql: string, params: unknown[]): Promise<Row[]> {
    const [rows] = (await this.db.query(sql, params)) as [Row[], number];
    return rows;
  }

  /**
   * Runs `work` in one transaction that first takes a transaction-scoped advisory lock, so that
   * two processes starting on one fresh ledger do not both create a first admin key, and two
   * changes that each leave one admin (disabling two admins at once) are decided one after the other.
   */
  inTransaction<T>(work: (store: AccessStore) => Promise<T>): Promise<T> {
    return this.db.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('ledger:access-bootstrap'))");
      return work(new AccessStore(manager));
    });
  }

  /** Inserts a user; false when the id is taken. */
  async insertUser(
    user: { userId: string; role: Role; bankId: string | null; displayName: string | null },
    by: string,
  ): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO access_users (user_id, role, bank_id, display_name, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
      [user.userId, user.role, user.bankId, user.displayName, by],
    );
    return rows.length === 1;
  }

  async user(userId: string): Promise<UserView | null> {
    const [row] = await this.query('SELECT * FROM access_users WHERE user_id = $1', [userId]);
    return row ? userView(row) : null;
  }

  async users(): Promise<UserView[]> {
    return (await this.query('SELECT * FROM access_users ORDER BY created_at, user_id')).map(userView);
  }

  /** Disables a user and revokes its keys; the keys it revoked. */
  async disableUser(userId: string, by: string): Promise<string[]> {
    await this.update(
      'UPDATE access_users SET disabled_at = now(), disabled_by = $2 WHERE user_id = $1 AND disabled_at IS NULL',
      [userId, by],
    );
    const revoked = await this.update(
      `UPDATE access_api_keys SET revoked_at = now(), revoked_by = $2 WHERE user_id = $1 AND revoked_at IS NULL
       RETURNING key_id`,
      [userId, by],
    );
    return revoked.map((row) => row.key_id as string);
  }

  /** Inserts a key; false when its id is taken (a 48-bit collision: the caller draws again). */
  async insertKey(
    key: { keyId: string; userId: string; label: string | null; salt: string; hash: string },
    by: string,
  ): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO access_api_keys (key_id, user_id, label, salt, hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key_id) DO NOTHING RETURNING key_id`,
      [key.keyId, key.userId, key.label, key.salt, key.hash, by],
    );
    return rows.length === 1;
  }

  async keyRecord(keyId: string): Promise<KeyRecord | null> {
    const [row] = await this.query(
      `SELECT k.key_id, k.user_id, u.role, u.bank_id, k.salt, k.hash,
              (k.revoked_at IS NULL AND u.disabled_at IS NULL) AS active
         FROM access_api_keys k JOIN access_users u ON u.user_id = k.user_id WHERE k.key_id = $1`,
      [keyId],
    );
    if (!row) return null;
    return {
      keyId: row.key_id as string,
      userId: row.user_id as string,
      role: row.role as Role,
      bankId: (row.bank_id as string | null) ?? null,
      salt: row.salt as string,
      hash: row.hash as string,
      active: row.active === true,
    };
  }

  async key(keyId: string): Promise<ApiKeyView | null> {
    const [row] = await this.query(
      `SELECT ${KEY_COLUMNS} FROM access_api_keys k JOIN access_users u ON u.user_id = k.user_id WHERE k.key_id = $1`,
      [keyId],
    );
    return row ? keyView(row) : null;
  }

  async keys(userId: string | undefined): Promise<ApiKeyView[]> {
    const rows = await this.query(
      `SELECT ${KEY_COLUMNS} FROM access_api_keys k JOIN access_users u ON u.user_id = k.user_id
        WHERE ($1::text IS NULL OR k.user_id = $1) ORDER BY k.created_at, k.key_id`,
      [userId ?? null],
    );
    return rows.map(keyView);
  }

  /** Revokes a key; false when it was already revoked. */
  async revokeKey(keyId: string, by: string): Promise<boolean> {
    const rows = await this.update(
      `UPDATE access_api_keys SET revoked_at = now(), revoked_by = $2 WHERE key_id = $1 AND revoked_at IS NULL
       RETURNING key_id`,
      [keyId, by],
    );
    return rows.length === 1;
  }

  /** The admins who can act: not disabled, with their keys that are not revoked (at least one). */
  async activeAdmins(): Promise<ActiveAdmin[]> {
    const rows = await this.query(
      `SELECT u.user_id, array_agg(k.key_id ORDER BY k.key_id) AS key_ids
         FROM access_users u JOIN access_api_keys k ON k.user_id = u.user_id
        WHERE u.role = 'admin' AND u.disabled_at IS NULL AND k.revoked_at IS NULL
        GROUP BY u.user_id ORDER BY u.user_id`,
    );
    return rows.map((row) => ({ userId: row.user_id as string, keyIds: row.key_ids as string[] }));
  }

  async hasActiveAdminKey(): Promise<boolean> {
    const [row] = await this.query(
      `SELECT EXISTS (SELECT 1 FROM access_api_keys k JOIN access_users u ON u.user_id = k.user_id
        WHERE u.role = 'admin' AND u.disabled_at IS NULL AND k.revoked_at IS NULL) AS present`,
    );
    return row?.present === true;
  }

  async recordDenial(denial: DenialRecord): Promise<void> {
    await this.query(
      `INSERT INTO access_denials (status, reason, actor, role, key_id, method, path, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [denial.status, denial.reason, denial.actor, denial.role, denial.keyId, denial.method, denial.path, denial.ip],
    );
  }

  async denials(limit: number, offset: number) {
    const [{ total }] = (await this.query('SELECT count(*)::int AS total FROM access_denials')) as [{ total: number }];
    const rows = await this.query('SELECT * FROM access_denials ORDER BY denial_id DESC LIMIT $1 OFFSET $2', [
      limit,
      offset,
    ]);
    return {
      total,
      limit,
      offset,
      items: rows.map((row) => ({
        denialId: String(row.denial_id),
        at: iso(row.at),
        status: Number(row.status),
        reason: row.reason,
        actor: row.actor,
        role: row.role,
        keyId: row.key_id,
        method: row.method,
        path: row.path,
        ip: row.ip,
      })),
    };
  }

  async recordChange(actor: string, action: string, subject: string, details: Record<string, unknown>): Promise<void> {
    await this.query('INSERT INTO access_changes (actor, action, subject, details) VALUES ($1, $2, $3, $4)', [
      actor,
      action,
      subject,
      JSON.stringify(details),
    ]);
  }

  async changes(limit: number, offset: number) {
    const [{ total }] = (await this.query('SELECT count(*)::int AS total FROM access_changes')) as [{ total: number }];
    const rows = await this.query('SELECT * FROM access_changes ORDER BY change_id DESC LIMIT $1 OFFSET $2', [
      limit,
      offset,
    ]);
    return {
      total,
      limit,
      offset,
      items: rows.map((row) => ({
        changeId: String(row.change_id),
        at: iso(row.at),
        actor: row.actor,
        action: row.action,
        subject: row.subject,
        details: row.details,
      })),
    };
  }
}
