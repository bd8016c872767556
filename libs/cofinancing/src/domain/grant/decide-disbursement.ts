import { Money } from '@ledger/money';
import { assertIsoDate, type IsoDate } from '../calendar';
import {
  AmountNotPositive,
  CommitmentExhausted,
  CorrectionReasonMissing,
  DisbursementAlreadyRecorded,
  DisbursementNotFound,
  DuplicateInvoice,
  EntryAlreadyReversed,
  WrongCurrency,
} from '../errors';
import { HeldByPendingProposal } from '../four-eyes.errors';
import { DisbursementReversed, GrantDisbursed, type GrantEvent } from './events';
import { illegal, notBefore } from './guards';
import { payInvoice } from './invoice-payment';
import { evolveGrant, reservedOnGrant, type GrantState } from './state';

export interface DisburseGrant {
  readonly type: 'DisburseGrant';
  readonly grantId: string;
  readonly disbursementId: string;
  readonly invoiceReference: string;
  readonly invoiceDate: IsoDate;
  readonly invoiceAmount: Money;
  readonly disbursedOn: IsoDate;
}

/**
 * Reverses a disbursement recorded by mistake, optionally recording the right one in its place
 * (a wrong invoice amount) in the same append. `corrects` is the recorded GrantDisbursed event
 * (found by the handler); the replacement is dated as the entry it replaces.
 */
export interface ReverseDisbursement {
  readonly type: 'ReverseDisbursement';
  readonly grantId: string;
  readonly disbursementId: string;
  readonly reason: string;
  readonly correctedOn: IsoDate;
  readonly corrects: { readonly eventId: string; readonly position: string };
  readonly replacement: {
    readonly disbursementId: string;
    readonly invoiceReference: string;
    readonly invoiceDate: IsoDate;
    readonly invoiceAmount: Money;
  } | null;
}

function refuseHeld(
  state: Extract<GrantState, { status: 'approved' }>,
  entry: { readonly invoiceReference: string; readonly disbursementId: string },
): void {
  for (const [proposalId, held] of Object.entries(state.reservations)) {
    if (held.invoiceReference === entry.invoiceReference)
      throw new HeldByPendingProposal(state.request.grantId, 'invoiceReference', entry.invoiceReference, proposalId);
    if (held.disbursementId === entry.disbursementId)
      throw new HeldByPendingProposal(state.request.grantId, 'disbursementId', entry.disbursementId, proposalId);
  }
}

// ---- disbursement -----------------------------------------------------------------------------

/**
 * Pays one invoice: its subsidy share at the grant's effective rate, never more than the commitment
 * left — after what pending four-eyes proposals reserve, so that they and this payment can never
 * together pay more than the subsidy. Their invoice references and disbursement ids are refused.
 */
export function disburseGrant(command: DisburseGrant, state: GrantState): GrantEvent[] {
  if (state.status !== 'approved') return illegal(command.grantId, state, 'disburse');
  const { request, approval } = state;
  if (command.invoiceAmount.currency !== approval.subsidy.currency) {
    throw new WrongCurrency(
      'invoiceAmount.currency',
      approval.subsidy.currency.code,
      command.invoiceAmount.currency.code,
    );
  }
  assertIsoDate(command.invoiceDate, 'invoiceDate');
  assertIsoDate(command.disbursedOn, 'disbursedOn');
  notBefore('disbursedOn', command.disbursedOn, approval.approvedOn, 'approvedOn');
  if (!command.invoiceAmount.isPositive()) throw new AmountNotPositive('invoiceAmount', command.invoiceAmount);
  if (state.invoiceReferences.includes(command.invoiceReference)) {
    throw new DuplicateInvoice(request.grantId, command.invoiceReference);
  }
  if (state.disbursements[command.disbursementId]) {
    throw new DisbursementAlreadyRecorded(request.grantId, command.disbursementId);
  }
  refuseHeld(state, command);
  const reserved = reservedOnGrant(state) ?? Money.zero(approval.subsidy.currency);
  if (state.disbursed.plus(reserved).greaterThanOrEqual(approval.subsidy))
    throw new CommitmentExhausted(request.grantId, approval.subsidy, reserved);
  const payment = payInvoice({
    eligibleCost: request.eligibleCost,
    subsidy: approval.subsidy,
    invoicedBefore: state.invoiced,
    disbursedBefore: state.disbursed,
    reserved,
    invoice: command.invoiceAmount,
  });
  return [
    GrantDisbursed.create({
      grantId: request.grantId,
      fundId: request.fundId,
      windowId: request.windowId,
      beneficiaryId: request.beneficiaryId,
      participationYear: request.participationYear,
      disbursementId: command.disbursementId,
      invoiceReference: command.invoiceReference,
      invoiceDate: command.invoiceDate,
      invoiceAmount: command.invoiceAmount,
      paid: payment.paid,
      rule: payment.rule,
      disbursedOn: command.disbursedOn,
      invoicedTotal: payment.invoicedTotal,
      disbursedTotal: payment.disbursedTotal,
      commitmentLeft: payment.commitmentLeft,
    }),
  ];
}

// ---- correction of a disbursement --------------------------------------------------------------

/**
 * Reverses a disbursement recorded by mistake: the grant's invoiced and disbursed totals go back
 * down by what it counted, its invoice may be paid again, and the commitment it used is free for
 * the grant again. With a replacement (a wrong invoice amount), the right payment is computed by
 * the ordinary rule on the state after the reversal and recorded, dated as the entry it replaces.
 * Only an approved grant's disbursements can be reversed (a closed grant has released the rest of
 * its commitment); each at most once.
 */
export function reverseDisbursement(command: ReverseDisbursement, state: GrantState): GrantEvent[] {
  if (state.status !== 'approved') return illegal(command.grantId, state, 'reverse-disbursement');
  const entry = state.disbursements[command.disbursementId];
  if (!entry) throw new DisbursementNotFound(command.grantId, command.disbursementId);
  if (entry.reversedOn !== null) {
    throw new EntryAlreadyReversed('disbursement', command.disbursementId, entry.reversedOn);
  }
  const locking = Object.entries(state.reservations).find(([, held]) => held.reverses === entry.disbursementId);
  if (locking) throw new HeldByPendingProposal(command.grantId, 'disbursementId', entry.disbursementId, locking[0]);
  if (command.reason.trim().length === 0) throw new CorrectionReasonMissing();
  assertIsoDate(command.correctedOn, 'correctedOn');
  notBefore('correctedOn', command.correctedOn, entry.disbursedOn, 'disbursement.disbursedOn');
  const { request, approval } = state;
  const invoicedTotal = state.invoiced.minus(entry.invoiceAmount);
  const disbursedTotal = state.disbursed.minus(entry.paid);
  const reversed = DisbursementReversed.create({
    grantId: request.grantId,
    fundId: request.fundId,
    windowId: request.windowId,
    beneficiaryId: request.beneficiaryId,
    participationYear: request.participationYear,
    disbursementId: entry.disbursementId,
    invoiceReference: entry.invoiceReference,
    invoiceAmount: entry.invoiceAmount,
    paid: entry.paid,
    disbursedOn: entry.disbursedOn,
    reason: command.reason.trim(),
    correctedOn: command.correctedOn,
    correctsEventId: command.corrects.eventId,
    correctsPosition: command.corrects.position,
    replacedBy: command.replacement?.disbursementId ?? null,
    invoicedTotal,
    disbursedTotal,
    commitmentLeft: approval.subsidy.minus(disbursedTotal),
  });
  if (command.replacement === null) return [reversed];
  const after = evolveGrant(state, reversed);
  return [
    reversed,
    ...disburseGrant(
      {
        type: 'DisburseGrant',
        grantId: request.grantId,
        disbursementId: command.replacement.disbursementId,
        invoiceReference: command.replacement.invoiceReference,
        invoiceDate: command.replacement.invoiceDate,
        invoiceAmount: command.replacement.invoiceAmount,
        disbursedOn: entry.disbursedOn,
      },
      after,
    ),
  ];
}
