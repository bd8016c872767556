import type { Role } from './roles';

/**
 * Route families and who may do what on them. Reads are GET/HEAD; every other method is a write
 * (a command). A family's roles are the whole rule: a role not listed gets 403, whatever the id.
 *
 * Cross-context reads are closed: a guarantee officer does not read the co-financing fund and a
 * fund manager does not read guarantees (403). Each works on its own instrument; the auditor and
 * the admin read both.
 */
export const RESOURCE_FAMILIES = ['cofinancing', 'guarantees', 'bank-access', 'access'] as const;
export type ResourceFamily = (typeof RESOURCE_FAMILIES)[number];

export interface FamilyPolicy {
  readonly read: readonly Role[];
  readonly write: readonly Role[];
}

export const ACCESS_POLICY: Readonly<Record<ResourceFamily, FamilyPolicy>> = {
  /** `/cofinancing/...`: funds, donors, windows, beneficiaries, grants. */
  cofinancing: { read: ['fund_manager', 'auditor', 'admin'], write: ['fund_manager'] },
  /** `/guarantee-federations`, `/guarantee-companies`, `/bank-conventions`, `/guarantees`. */
  guarantees: { read: ['guarantee_officer', 'auditor', 'admin'], write: ['guarantee_officer'] },
  /** `/banks/:bankId/...`: a bank reads only under its own bank id (see `bankScope`). */
  'bank-access': { read: ['bank', 'guarantee_officer', 'auditor', 'admin'], write: [] },
  /** `/access/...`: users and API keys. */
  access: { read: ['admin'], write: ['admin'] },
};

/** Routes with no access metadata at all: auditors and admins may read them; nobody may write. */
export const DEFAULT_POLICY: FamilyPolicy = { read: ['auditor', 'admin'], write: [] };

/**
 * Four-eyes proposals an admin may settle (confirm or decline) beside the writers of their
 * context: a change that weakens a fund's or a company's four-eyes policy needs a second person of
 * the context or an admin. Every other proposal is settled by its context's writers alone.
 */
export const ADMIN_SETTLED_PROPOSALS: readonly string[] = [
  'set-approval-policy',
  // A guarantee fund withdrawal past what the fund backs (issue #15): a second officer or an admin.
  'withdraw-guarantee-fund',
];

/** May this role confirm or decline a proposal of this context and action? */
export function maySettleProposal(role: Role, family: ResourceFamily, action: string): boolean {
  if (role === 'admin' && ADMIN_SETTLED_PROPOSALS.includes(action)) return true;
  return ACCESS_POLICY[family].write.includes(role);
}

/** What a route declares (through the decorators of the Nest layer). */
export interface RouteAccess {
  /** No authentication at all (`/health`). */
  readonly public?: boolean;
  readonly family?: ResourceFamily;
  /** Explicit roles, any method; wins over the family (e.g. `@Roles(...AUDITOR_READ)`). */
  readonly roles?: readonly Role[];
  /** The route parameter that names a bank; a bank principal must be that bank, else 404. */
  readonly bankScope?: string;
}

export interface AccessAttempt {
  readonly method: string;
  readonly params: Readonly<Record<string, string | undefined>>;
}

export type AccessDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly status: 403 | 404; readonly reason: string };

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * May this principal do this on this route? Authentication is decided before (401); this is
 * authorization only. A bank that names another bank's id gets 404, never 403, so that it cannot
 * learn which bank ids exist; the same 404 answers any route parameter outside its scope.
 */
export function decideAccess(
  principal: { readonly role: Role; readonly bankId: string | null },
  route: RouteAccess,
  attempt: AccessAttempt,
): AccessDecision {
  if (route.public) return { allowed: true };
  const isRead = READ_METHODS.has(attempt.method.toUpperCase());
  const policy = route.family ? ACCESS_POLICY[route.family] : DEFAULT_POLICY;
  const allowed = route.roles ?? (isRead ? policy.read : policy.write);
  if (!allowed.includes(principal.role)) {
    return {
      allowed: false,
      status: 403,
      reason: route.roles
        ? `role ${principal.role} may not use this route`
        : `role ${principal.role} may not ${isRead ? 'read' : 'write'} ${route.family ?? 'this route'}`,
    };
  }
  if (principal.role === 'bank' && (route.bankScope !== undefined || route.family === 'bank-access')) {
    // A bank-facing route without a declared bank parameter is a mistake: it shows nothing.
    const named = route.bankScope === undefined ? undefined : attempt.params[route.bankScope];
    if (principal.bankId === null || named !== principal.bankId) {
      return { allowed: false, status: 404, reason: `bank ${principal.bankId ?? '?'} asked for bank ${named ?? '?'}` };
    }
  }
  return { allowed: true };
}
