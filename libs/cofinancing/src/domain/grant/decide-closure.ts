import { Money } from '@ledger/money';
import { assertIsoDate, type IsoDate } from '../calendar';
import { CapReleased, type BeneficiaryEvent } from '../beneficiary';
import { CommitmentReleased, type FundEvent } from '../fund';
import { GrantCancelled, GrantClosed, type GrantEvent } from './events';
import { illegal, notBefore, refusePending } from './guards';
import type { GrantRequest, GrantState } from './state';

export interface CloseGrant {
  readonly type: 'CloseGrant';
  readonly grantId: string;
  readonly closedOn: IsoDate;
}

export interface CancelGrant {
  readonly type: 'CancelGrant';
  readonly grantId: string;
  readonly cancelledOn: IsoDate;
  readonly reason: string;
}

// ---- closure and cancellation -------------------------------------------------------------------

export interface ReleaseDecision {
  readonly grant: GrantEvent[];
  /** Empty when nothing is released. */
  readonly fund: FundEvent[];
  readonly beneficiary: BeneficiaryEvent[];
}

function releaseEvents(
  request: GrantRequest,
  amount: Money,
  reason: 'closed' | 'cancelled',
  on: string,
): Pick<ReleaseDecision, 'fund' | 'beneficiary'> {
  if (amount.isZero()) return { fund: [], beneficiary: [] };
  const ids = {
    grantId: request.grantId,
    fundId: request.fundId,
    windowId: request.windowId,
    beneficiaryId: request.beneficiaryId,
    participationYear: request.participationYear,
    amount,
  };
  return {
    fund: [CommitmentReleased.create({ ...ids, reason, releasedOn: on })],
    beneficiary: [CapReleased.create(ids)],
  };
}

/**
 * The latest disbursement or correction recorded on an approved grant (reversed entries too): a
 * closure or cancellation may not be dated before it, or the grant would be shown closed, as of
 * some dates, with money still moving on it.
 */
function lastMovementOf(
  state: Extract<GrantState, { status: 'approved' }>,
): { on: string; field: 'disbursement.disbursedOn' | 'disbursement.reversedOn' } | null {
  let last: { on: string; field: 'disbursement.disbursedOn' | 'disbursement.reversedOn' } | null = null;
  for (const entry of Object.values(state.disbursements)) {
    if (last === null || entry.disbursedOn > last.on)
      last = { on: entry.disbursedOn, field: 'disbursement.disbursedOn' };
    if (entry.reversedOn !== null && entry.reversedOn > last.on)
      last = { on: entry.reversedOn, field: 'disbursement.reversedOn' };
  }
  return last;
}

/**
 * Closes an approved grant: what was not disbursed goes back to the fund's available balance
 * and no longer counts against the beneficiary's cap.
 */
export function closeGrant(command: CloseGrant, state: GrantState): ReleaseDecision {
  if (state.status !== 'approved') return illegal(command.grantId, state, 'close');
  refusePending(command.grantId, state, 'close');
  assertIsoDate(command.closedOn, 'closedOn');
  notBefore('closedOn', command.closedOn, state.approval.approvedOn, 'approvedOn');
  const last = lastMovementOf(state);
  if (last) notBefore('closedOn', command.closedOn, last.on, last.field);
  const { request, approval, disbursed } = state;
  const released = approval.subsidy.minus(disbursed);
  return {
    grant: [
      GrantClosed.create({
        grantId: request.grantId,
        fundId: request.fundId,
        windowId: request.windowId,
        beneficiaryId: request.beneficiaryId,
        participationYear: request.participationYear,
        closedOn: command.closedOn,
        committed: approval.subsidy,
        disbursed,
        released,
      }),
    ],
    ...releaseEvents(request, released, 'closed', command.closedOn),
  };
}

/** Cancels a request, or an approved grant before any disbursement (its whole commitment is released). */
export function cancelGrant(command: CancelGrant, state: GrantState): ReleaseDecision {
  if (state.status !== 'requested' && state.status !== 'approved') return illegal(command.grantId, state, 'cancel');
  refusePending(command.grantId, state, 'cancel');
  if (state.status === 'approved' && !state.disbursed.isZero()) {
    illegal(command.grantId, state, 'cancel', 'it has disbursements; close it instead');
  }
  assertIsoDate(command.cancelledOn, 'cancelledOn');
  notBefore('cancelledOn', command.cancelledOn, state.request.requestedOn, 'requestedOn');
  if (state.status === 'approved') {
    notBefore('cancelledOn', command.cancelledOn, state.approval.approvedOn, 'approvedOn');
    const last = lastMovementOf(state);
    if (last) notBefore('cancelledOn', command.cancelledOn, last.on, last.field);
  }
  const { request } = state;
  const released = state.status === 'approved' ? state.approval.subsidy : Money.zero(request.eligibleCost.currency);
  return {
    grant: [
      GrantCancelled.create({
        grantId: request.grantId,
        fundId: request.fundId,
        windowId: request.windowId,
        beneficiaryId: request.beneficiaryId,
        participationYear: request.participationYear,
        cancelledOn: command.cancelledOn,
        reason: command.reason,
        wasApproved: state.status === 'approved',
        eligibleCost: request.eligibleCost,
        released,
      }),
    ],
    ...releaseEvents(request, released, 'cancelled', command.cancelledOn),
  };
}
