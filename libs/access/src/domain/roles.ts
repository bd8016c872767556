/**
 * The five roles of the ledger. A principal has exactly one; a bank principal also carries the
 * bank it speaks for.
 *
 * - `admin`: users and API keys; may read everything.
 * - `fund_manager`: commands and reads on the co-financing fund (`/cofinancing/...`).
 * - `guarantee_officer`: commands and reads on mutual guarantee companies, conventions and guarantees.
 * - `auditor`: reads everything, runs verify and exports, changes nothing.
 * - `bank`: reads only its own conventions and the guarantees under them (`/banks/:bankId/...`).
 */
export const ROLES = ['admin', 'fund_manager', 'guarantee_officer', 'auditor', 'bank'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who may use the audit endpoints (history, as-of balances, verify, exports): `@Roles(...AUDITOR_READ)`.
 * Such routes may be POSTs (a verify run) as long as they change nothing in the ledger.
 */
export const AUDITOR_READ: readonly Role[] = ['auditor', 'admin'];

/** Every role: for routes about the caller itself (`GET /access/me`). */
export const ANY_ROLE: readonly Role[] = ROLES;

/** A user id, also the `actor` recorded in every event the user causes. */
export const USER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Same shape as the guarantees context's bank ids. */
export const BANK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
