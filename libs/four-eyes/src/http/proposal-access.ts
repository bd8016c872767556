import { ForbiddenException } from '@nestjs/common';
import { ACCESS_POLICY, decideAccess, isRole, maySettleProposal, type ResourceFamily } from '@ledger/access';

/**
 * Who may read and settle a context's proposals: the roles of the context's own routes
 * (ACCESS_POLICY) — fund managers for co-financing, guarantee officers for guarantees, auditors
 * and admins reading both. A bank reads no proposal.
 */
export function mayUse(role: string, context: string, how: 'read' | 'write'): boolean {
  if (!isRole(role) || !Object.hasOwn(ACCESS_POLICY, context)) return false;
  return decideAccess(
    { role, bankId: null },
    { family: context as ResourceFamily },
    { method: how === 'read' ? 'GET' : 'POST', params: {} },
  ).allowed;
}

export function requireUse(role: string, context: string, how: 'read' | 'write'): void {
  if (mayUse(role, context, how)) return;
  throw new ForbiddenException({
    statusCode: 403,
    error: 'forbidden',
    message: `the role ${role} may not ${how} ${context} proposals`,
  });
}

/**
 * Who may confirm or decline a proposal: the writers of its context, and — for a change that
 * weakens a four-eyes policy — an admin too (see ADMIN_SETTLED_PROPOSALS).
 */
export function requireSettle(role: string, proposal: { readonly context: string; readonly action: string }): void {
  if (isRole(role) && Object.hasOwn(ACCESS_POLICY, proposal.context)) {
    if (maySettleProposal(role, proposal.context as ResourceFamily, proposal.action)) return;
  }
  requireUse(role, proposal.context, 'write');
}
