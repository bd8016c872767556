/**
 * A convention's status on a date, worked out when it is read: a status a projection stored could
 * not change with time passing, and a convention expires without any event.
 *
 * - `terminated` once its termination is recorded (for an as-of date: on or after the termination date);
 * - `not-yet-in-force` before `validFrom`;
 * - `expired` after `validUntil` (the last day it covers);
 * - `in-force` otherwise.
 *
 * Only `in-force` is open for issuance, and only an in-force convention counts in a company's or a
 * federation's capacity and headroom. `termsInEffect` refuses the same dates with
 * `convention-not-yet-valid`, `convention-expired` and `convention-terminated`.
 */
export type ConventionStatus = 'not-yet-in-force' | 'in-force' | 'expired' | 'terminated';

export interface ConventionValidity {
  readonly validFrom: string;
  /** The last day covered, under the terms in effect on the date. */
  readonly validUntil: string;
  /** The termination's business date, when one is recorded (known at the time asked). */
  readonly terminatedOn: string | null;
}

/** Dates are ISO `YYYY-MM-DD` strings, so they compare as text. */
export function conventionStatusOn(convention: ConventionValidity, on: string): ConventionStatus {
  if (convention.terminatedOn !== null && convention.terminatedOn <= on) return 'terminated';
  if (on < convention.validFrom) return 'not-yet-in-force';
  if (on > convention.validUntil) return 'expired';
  return 'in-force';
}

/**
 * The status today of a convention as the read models hold it: once terminated it reads
 * `terminated` (the domain refuses every issuance after a recorded termination, whatever its date).
 */
export function conventionStatusToday(convention: ConventionValidity, today: string): ConventionStatus {
  return convention.terminatedOn !== null ? 'terminated' : conventionStatusOn(convention, today);
}
