import { DomainError } from '@ledger/kernel';

/**
 * "As of D, as known at T": the effect of every event whose business date is ≤ D and that was
 * recorded at or before T. D is a calendar day ('YYYY-MM-DD'), T an instant.
 */
export interface AsOf {
  /** Business date, inclusive. */
  readonly asOf: string;
  /** Record time, inclusive; null: everything recorded so far (what the projection has applied). */
  readonly knownAt: Date | null;
}

/** What a caller may give: either part left out takes its default (today, everything recorded). */
export interface AsOfInput {
  readonly asOf?: string | null;
  readonly knownAt?: string | Date | null;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A bad as-of point given to a service directly (the HTTP layer refuses it before, with a 400). */
export class InvalidAsOf extends DomainError {
  readonly code = 'invalid-as-of';
  readonly kind = 'rejected' as const;
  constructor(
    readonly field: 'asOf' | 'knownAt',
    reason: string,
  ) {
    super(`${field} ${reason}`, { field });
  }
}

/** The UTC calendar day of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Fills in the defaults: D = today (UTC, from `now`), T = everything recorded. */
export function resolveAsOf(input: AsOfInput | undefined, now: Date): AsOf {
  const asOf = input?.asOf ?? utcDay(now);
  if (!DATE.test(asOf) || utcDay(new Date(`${asOf}T00:00:00.000Z`)) !== asOf) {
    throw new InvalidAsOf('asOf', 'must be a calendar date YYYY-MM-DD');
  }
  const raw = input?.knownAt ?? null;
  const knownAt = raw === null ? null : raw instanceof Date ? raw : new Date(raw);
  if (knownAt !== null && Number.isNaN(knownAt.getTime())) {
    throw new InvalidAsOf('knownAt', 'must be an ISO 8601 instant');
  }
  return { asOf, knownAt };
}

/** The first day of the month of a date 'YYYY-MM-DD'. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** What every as-of answer says about the point it reflects. */
export interface AsOfStamp {
  readonly asOf: string;
  /** The record-time cut asked for (ISO instant), or null: everything recorded up to `throughPosition`. */
  readonly knownAt: string | null;
  /** The last log position the balances projection had applied when it answered. */
  readonly throughPosition: string;
}
