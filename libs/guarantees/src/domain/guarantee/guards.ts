import { GuaranteeNotFound } from '../errors';
import type { GuaranteeState, IssuedGuarantee } from './state';

/**
 * What every decision on a guarantee requires of it. Its commands are decided with the other
 * streams they write: issuance/ (issue) and lifecycle/ (repay, reverse a repayment, call, pay the
 * claim, recover).
 */

export function requireGuarantee(guaranteeId: string, state: GuaranteeState): IssuedGuarantee {
  if (state.status === 'unissued') throw new GuaranteeNotFound(guaranteeId);
  return state;
}
