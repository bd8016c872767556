import type { Role } from './roles';

/** Who is calling: the user behind an API key, with its role (and bank, for a bank). */
export interface Principal {
  readonly userId: string;
  readonly role: Role;
  /** Set for `bank` principals only. */
  readonly bankId: string | null;
  /** The key the request was authenticated with (for logs and per-key rate limiting). */
  readonly keyId: string;
}
