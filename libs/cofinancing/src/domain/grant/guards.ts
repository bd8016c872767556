import { GrantNotFound, IllegalGrantTransition, type GrantCommandName } from '../errors';
import { GrantHasPendingProposals } from '../four-eyes.errors';
import { pendingProposalsOf, type GrantState } from './state';

/** The refusals every grant decision shares: the grant's status, its pending proposals, its dates. */

export function refusePending(grantId: string, state: GrantState, command: 'close' | 'cancel' | 'reject'): void {
  const pending = pendingProposalsOf(state);
  if (pending.length > 0) throw new GrantHasPendingProposals(grantId, command, pending);
}

export function illegal(grantId: string, state: GrantState, command: GrantCommandName, reason?: string): never {
  if (state.status === 'none') throw new GrantNotFound(grantId);
  throw new IllegalGrantTransition(grantId, state.status, command, reason);
}

export { notBefore } from '../calendar';
