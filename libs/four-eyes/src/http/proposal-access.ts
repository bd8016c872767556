import { ForbiddenException } from '@nestjs/common';
import { ACCESS_POLICY, decideAccess, isRole, type ResourceFamily } from '@ledger/access';

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
