/**
 * What kind of refusal a domain error is; the HTTP layer maps each kind to one status
 * (not-found 404, conflict 409, rejected 422, forbidden 403 — a rule about *who*, e.g. four-eyes).
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'rejected' | 'forbidden';

/** An amount in error details, as everywhere else in the API: minor units as a string, and the currency. */
export interface MoneyDetail {
  readonly amountMinor: string;
  readonly currency: string;
}

export type DomainErrorDetail =
  | string
  | number
  | boolean
  | null
  | MoneyDetail
  | readonly DomainErrorDetail[]
  /** A group of figures (e.g. one convention's capacity, outstanding and headroom). */
  | { readonly [key: string]: DomainErrorDetail };

/**
 * Base of the typed errors domain code throws: a stable code, the kind, and the figures that
 * explain it (amounts as `{ amountMinor, currency }`). Tests match the type and the figures, not the message.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  protected constructor(
    message: string,
    readonly details: Readonly<Record<string, DomainErrorDetail>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
