/**
 * The ledger always keeps one admin who can act: an admin user, not disabled, with an active key.
 * A change that would leave none (disabling the last such admin, or revoking the last active key
 * of the last one) is refused; an operator who lost every admin key recovers with the CLI
 * (`ledger keys create --user <admin>`), on the server.
 */
export interface ActiveAdmin {
  readonly userId: string;
  /** Its keys that are not revoked (at least one). */
  readonly keyIds: readonly string[];
}

export type AdminAffectingChange =
  { readonly kind: 'disable-user'; readonly userId: string } | { readonly kind: 'revoke-key'; readonly keyId: string };

/** The admin who would be the last one lost by `change`, or null when the change leaves an active admin (or none was left). */
export function lastActiveAdminLostBy(admins: readonly ActiveAdmin[], change: AdminAffectingChange): string | null {
  const remaining = admins.filter((admin) =>
    change.kind === 'disable-user'
      ? admin.userId !== change.userId
      : admin.keyIds.some((keyId) => keyId !== change.keyId),
  );
  if (admins.length === 0 || remaining.length > 0) return null;
  return admins[0].userId;
}
