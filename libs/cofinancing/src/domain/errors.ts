import { DomainError } from '@ledger/kernel';
import type { Money } from '@ledger/money';

/**
 * The refusals of the co-financing context. Each carries its figures (amounts as strings of
 * minor units) so that the HTTP layer and the tests read the numbers, not the message.
 */

export class FundNotFound extends DomainError {
  readonly code = 'fund-not-found';
  readonly kind = 'not-found' as const;
  constructor(readonly fundId: string) {
    super(`fund ${fundId} does not exist`, { fundId, field: 'fundId' });
  }
}

export class FundAlreadyExists extends DomainError {
  readonly code = 'fund-already-exists';
  readonly kind = 'conflict' as const;
  constructor(readonly fundId: string) {
    super(`fund ${fundId} already exists`, { fundId });
  }
}

export class DonorNotFound extends DomainError {
  readonly code = 'donor-not-found';
  readonly kind = 'not-found' as const;
  constructor(
    readonly fundId: string,
    readonly donorId: string,
  ) {
    super(`donor ${donorId} is not registered on fund ${fundId}`, { fundId, donorId, field: 'donorId' });
  }
}

export class DonorAlreadyRegistered extends DomainError {
  readonly code = 'donor-already-registered';
  readonly kind = 'conflict' as const;
  constructor(readonly donorId: string) {
    super(`donor ${donorId} is already registered`, { donorId });
  }
}

export class WindowNotFound extends DomainError {
  readonly code = 'window-not-found';
  readonly kind = 'not-found' as const;
  constructor(
    readonly fundId: string,
    readonly windowId: string,
  ) {
    super(`window ${windowId} does not exist on fund ${fundId}`, { fundId, windowId, field: 'windowId' });
  }
}

export class WindowAlreadyOpen extends DomainError {
  readonly code = 'window-already-open';
  readonly kind = 'conflict' as const;
  constructor(readonly windowId: string) {
    super(`window ${windowId} is already open`, { windowId });
  }
}

export class BeneficiaryNotFound extends DomainError {
  readonly code = 'beneficiary-not-found';
  readonly kind = 'not-found' as const;
  constructor(readonly beneficiaryId: string) {
    super(`beneficiary ${beneficiaryId} is not enrolled`, { beneficiaryId, field: 'beneficiaryId' });
  }
}

export class BeneficiaryAlreadyEnrolled extends DomainError {
  readonly code = 'beneficiary-already-enrolled';
  readonly kind = 'conflict' as const;
  constructor(readonly beneficiaryId: string) {
    super(`beneficiary ${beneficiaryId} is already enrolled`, { beneficiaryId });
  }
}

export class GrantNotFound extends DomainError {
  readonly code = 'grant-not-found';
  readonly kind = 'not-found' as const;
  constructor(readonly grantId: string) {
    super(`grant request ${grantId} does not exist`, { grantId });
  }
}

/** An amount in another currency than the fund's: names the offending field. */
export class WrongCurrency extends DomainError {
  readonly code = 'wrong-currency';
  readonly kind = 'rejected' as const;
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${field}: the fund keeps its books in ${expected}, got ${actual}`, { field, expected, actual });
  }
}

/** Amounts that must be strictly positive (contributions, eligible costs, invoices, caps). */
export class AmountNotPositive extends DomainError {
  readonly code = 'amount-not-positive';
  readonly kind = 'rejected' as const;
  constructor(
    readonly field: string,
    readonly amount: Money,
  ) {
    super(`${field} must be positive, got ${amount.toString()}`, {
      field,
      amount: amount.toJSON(),
    });
  }
}

export class InvalidDate extends DomainError {
  readonly code = 'invalid-date';
  readonly kind = 'rejected' as const;
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: ${JSON.stringify(value)} is not a calendar date YYYY-MM-DD`, { field, value });
  }
}

/**
 * A business date earlier than the dated fact the command depends on (approval before its request,
 * a disbursement before its approval, a contribution before the fund's creation…). `dependsOn`
 * names that fact's date, e.g. 'approvedOn' or 'window.openedOn'.
 */
export class DateOutOfOrder extends DomainError {
  readonly code = 'business-date-before-dependency';
  readonly kind = 'rejected' as const;
  constructor(
    readonly field: string,
    readonly date: string,
    readonly notBefore: string,
    readonly dependsOn: string = 'the fact it depends on',
  ) {
    super(`${field} ${date} is before ${dependsOn} ${notBefore}, which it depends on`, {
      field,
      date,
      notBefore,
      dependsOn,
    });
  }
}

/** A request dated before the beneficiary's enrolment: the same refusal, with the enrolment named. */
export class RequestBeforeEnrolment extends DateOutOfOrder {
  constructor(
    readonly requestedOn: string,
    readonly enrolledOn: string,
  ) {
    super('requestedOn', requestedOn, enrolledOn, 'beneficiary.enrolledOn');
  }
}

export class InvalidSchedule extends DomainError {
  readonly code = 'invalid-schedule';
  readonly kind = 'rejected' as const;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`, { field, reason });
  }
}

/** An amendment must take effect after the version it replaces. */
export class AmendmentNotAfterCurrent extends DomainError {
  readonly code = 'amendment-not-after-current';
  readonly kind = 'rejected' as const;
  constructor(
    readonly effectiveFrom: string,
    readonly currentEffectiveFrom: string,
  ) {
    super(`an amendment effective ${effectiveFrom} must be later than the current version (${currentEffectiveFrom})`, {
      field: 'effectiveFrom',
      effectiveFrom,
      currentEffectiveFrom,
    });
  }
}

export class NoScheduleInForce extends DomainError {
  readonly code = 'no-schedule-in-force';
  readonly kind = 'rejected' as const;
  constructor(
    readonly windowId: string,
    readonly on: string,
  ) {
    super(`window ${windowId} has no cost-share schedule in force on ${on}`, { windowId, on });
  }
}

/** The after-last-year rule of the schedule makes the participation year ineligible. */
export class ParticipationYearIneligible extends DomainError {
  readonly code = 'participation-year-ineligible';
  readonly kind = 'rejected' as const;
  constructor(
    readonly participationYear: number,
    readonly lastYear: number,
    readonly scheduleVersion: number,
  ) {
    super(
      `participation year ${participationYear} is past the last year (${lastYear}) of schedule version ${scheduleVersion}, which makes it ineligible`,
      { field: 'requestedOn', participationYear, lastYear, scheduleVersion },
    );
  }
}

/**
 * `available` is after the reservations of pending four-eyes proposals (`reserved`, zero when none).
 * With `asOf`, it is the lowest available balance from the approval's date on (`asOf` the first
 * date it is reached, `approvedOn` the approval's date): an approval takes its subsidy from every
 * later date too, so money that arrives after the approval's date cannot fund it.
 */
export class FundInsufficient extends DomainError {
  readonly code = 'fund-insufficient';
  readonly kind = 'rejected' as const;
  readonly reserved: Money;
  constructor(
    readonly available: Money,
    readonly requested: Money,
    reserved?: Money,
    readonly dates: { readonly asOf: string; readonly approvedOn: string } | null = null,
  ) {
    const held = reserved ?? available.minus(available);
    super(
      `the fund has ${available.toString()} available${dates ? ` as of ${dates.asOf}` : ''}${held.isZero() ? '' : ` (after ${held.toString()} reserved by pending proposals)`}, the approval${dates ? ` dated ${dates.approvedOn}` : ''} needs ${requested.toString()}`,
      {
        available: available.toJSON(),
        requested: requested.toJSON(),
        reserved: held.toJSON(),
        ...(dates ? { asOf: dates.asOf, approvedOn: dates.approvedOn } : {}),
      },
    );
    this.reserved = held;
  }
}

/** Nothing of the beneficiary's cap for this window and participation year is left. */
export class CapExceeded extends DomainError {
  readonly code = 'cap-exceeded';
  readonly kind = 'rejected' as const;
  constructor(
    readonly cap: Money,
    readonly used: Money,
    readonly participationYear: number,
  ) {
    super(
      `the cap of ${cap.toString()} for participation year ${participationYear} is used up (${used.toString()} already committed)`,
      {
        cap: cap.toJSON(),
        used: used.toJSON(),
        participationYear,
      },
    );
  }
}

export type GrantCommandName =
  'request' | 'approve' | 'reject' | 'disburse' | 'reverse-disbursement' | 'close' | 'cancel';

export class IllegalGrantTransition extends DomainError {
  readonly code = 'illegal-grant-transition';
  readonly kind = 'conflict' as const;
  constructor(
    readonly grantId: string,
    readonly from: string,
    readonly command: GrantCommandName,
    reason?: string,
  ) {
    super(`cannot ${command} grant ${grantId}: it is ${from}${reason ? ` (${reason})` : ''}`, {
      grantId,
      from,
      command,
    });
  }
}

export class DuplicateInvoice extends DomainError {
  readonly code = 'duplicate-invoice';
  readonly kind = 'conflict' as const;
  constructor(
    readonly grantId: string,
    readonly invoiceReference: string,
  ) {
    super(`invoice ${invoiceReference} was already paid on grant ${grantId}`, {
      grantId,
      invoiceReference,
      field: 'invoiceReference',
    });
  }
}

/** The whole commitment is already paid out (or reserved by pending proposals): no invoice can be paid any more. */
export class CommitmentExhausted extends DomainError {
  readonly code = 'commitment-exhausted';
  readonly kind = 'rejected' as const;
  readonly reserved: Money;
  constructor(
    readonly grantId: string,
    readonly committed: Money,
    reserved?: Money,
  ) {
    const held = reserved ?? committed.minus(committed);
    super(
      `grant ${grantId} has paid out its whole commitment of ${committed.toString()}` +
        (held.isZero() ? '' : ` (${held.toString()} of it reserved by pending proposals)`),
      {
        grantId,
        committed: committed.toJSON(),
        reserved: held.toJSON(),
      },
    );
    this.reserved = held;
  }
}

export class DisbursementNotFound extends DomainError {
  readonly code = 'disbursement-not-found';
  readonly kind = 'not-found' as const;
  constructor(
    readonly grantId: string,
    readonly disbursementId: string,
  ) {
    super(`disbursement ${disbursementId} does not exist on grant ${grantId}`, {
      grantId,
      disbursementId,
      field: 'disbursementId',
    });
  }
}

/** An entry is reversed once: a second reversal of the same entry is refused. */
export class EntryAlreadyReversed extends DomainError {
  readonly code = 'entry-already-reversed';
  readonly kind = 'conflict' as const;
  constructor(
    readonly entry: string,
    readonly entryId: string,
    readonly reversedOn: string,
  ) {
    super(`${entry} ${entryId} was already reversed (on ${reversedOn})`, { entry, entryId, reversedOn });
  }
}

/** A correction must say why. */
export class CorrectionReasonMissing extends DomainError {
  readonly code = 'correction-reason-missing';
  readonly kind = 'rejected' as const;
  constructor() {
    super('a correction must give its reason', { field: 'reason' });
  }
}

export class DisbursementAlreadyRecorded extends DomainError {
  readonly code = 'disbursement-already-recorded';
  readonly kind = 'conflict' as const;
  constructor(
    readonly grantId: string,
    readonly disbursementId: string,
  ) {
    super(`disbursement ${disbursementId} is already recorded on grant ${grantId}`, {
      grantId,
      disbursementId,
      field: 'disbursementId',
    });
  }
}
