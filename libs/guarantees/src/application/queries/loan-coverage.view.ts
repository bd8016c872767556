type Row = Record<string, string | number | null>;

interface MoneyView {
  readonly amountMinor: string;
  readonly currency: string;
}

/**
 * Where a bank's loan stands, as the bank sees it:
 * - `not-guaranteed`: no guarantee of this bank has this reference;
 * - `active`: in force, covering `coverageRateBp` of the outstanding;
 * - `released`: repaid (or released) — nothing owed either way;
 * - after a default (the guarantee called): `claim-pending` (nothing of the claim paid yet),
 *   `claim-partially-paid`, `claim-paid` (the whole claim paid, nothing recovered yet),
 *   `partially-recovered` and `recovered` (the fund got the whole claim back from the member).
 */
export type LoanState =
  | 'not-guaranteed'
  | 'active'
  | 'released'
  | 'claim-pending'
  | 'claim-partially-paid'
  | 'claim-paid'
  | 'partially-recovered'
  | 'recovered';

/** The state of a called loan from its claim, what the fund paid on it and what it recovered. */
export function calledLoanState(claim: bigint, claimPaid: bigint, recovered: bigint): LoanState {
  if (recovered > 0n) return recovered >= claim ? 'recovered' : 'partially-recovered';
  if (claimPaid >= claim) return 'claim-paid';
  return claimPaid === 0n ? 'claim-pending' : 'claim-partially-paid';
}

const money = (amountMinor: bigint | string | number, currency: string): MoneyView => ({
  amountMinor: String(amountMinor),
  currency,
});

const big = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value)));
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * The bank's view of one loan from its guarantee row (none: not guaranteed). `covered` while the
 * guarantee is in force, or called with part of its claim still to pay; `guaranteedOutstanding`
 * is what the guarantee still owes the bank: the guaranteed outstanding while active, the claim
 * left to pay once called. A called loan's `outstandingPrincipal` is its outstanding at default
 * (the ledger records no repayment after a default), never 0.
 */
export function loanCoverageView(bankId: string, loanReference: string, row: Row | undefined) {
  if (!row) {
    return { bankId, loanReference, covered: false, state: 'not-guaranteed' as LoanState, guaranteeId: null };
  }
  const currency = String(row.currency);
  const called = row.status === 'called';
  const claim = big(row.claim_amount);
  const claimPaid = big(row.claim_paid);
  const recovered = big(row.recovered);
  const claimLeft = called ? claim - claimPaid : 0n;
  const state: LoanState = called ? calledLoanState(claim, claimPaid, recovered) : (row.status as LoanState);
  return {
    bankId,
    loanReference: String(row.loan_reference),
    covered: row.status === 'active' || claimLeft > 0n,
    state,
    /** The guarantee's own status: active, released or called. */
    status: String(row.status),
    guaranteeId: String(row.guarantee_id),
    conventionId: String(row.convention_id),
    coverageRateBp: Number(row.coverage_rate_bp),
    principal: money(big(row.principal), currency),
    guaranteedAmount: money(big(row.guaranteed_amount), currency),
    outstandingPrincipal: money(called ? big(row.outstanding_at_default) : big(row.outstanding_principal), currency),
    guaranteedOutstanding: money(called ? claimLeft : big(row.guaranteed_outstanding), currency),
    loanStartDate: text(row.loan_start_date),
    maturityDate: text(row.maturity_date),
    issuedOn: text(row.issued_on),
    releasedOn: text(row.released_on),
    /** Null unless the loan defaulted (the guarantee was called). */
    default: called
      ? {
          calledOn: text(row.called_on),
          outstandingAtDefault: money(big(row.outstanding_at_default), currency),
          claim: money(claim, currency),
          claimPaid: money(claimPaid, currency),
          claimLeftToPay: money(claimLeft, currency),
          claimLastPaidOn: text(row.claim_last_paid_on),
          recovered: money(recovered, currency),
          lastRecoveredOn: text(row.last_recovered_on),
        }
      : null,
    // Kept at the top level too, as before.
    claim: called ? money(claim, currency) : null,
    claimPaid: money(claimPaid, currency),
    position: String(row.last_position),
  };
}
