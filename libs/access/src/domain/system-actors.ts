/**
 * The names the ledger records as the actor of what it does by itself. No user may take one: an
 * event or an access change signed `four-eyes-expiry` must mean the ledger, never a person.
 */
export const SYSTEM_ACTORS = {
  /** The first admin and its key, created at start (admin-key.bootstrap.ts). */
  bootstrap: 'bootstrap',
  /** Pending four-eyes proposals that expire (libs/four-eyes/src/proposal-expiry.ts). */
  fourEyesExpiry: 'four-eyes-expiry',
  /** The demo programme written by `ledger seed-demo`. */
  seedDemo: 'seed-demo',
  /** Users and keys managed on the server through `ledger users …` and `ledger keys …`. */
  cli: 'cli',
  /** The role the ledger's own commands carry; reserved as a name too. */
  system: 'system',
} as const;

export const RESERVED_USER_IDS: readonly string[] = Object.values(SYSTEM_ACTORS);

export function isReservedUserId(userId: string): boolean {
  return RESERVED_USER_IDS.includes(userId);
}
