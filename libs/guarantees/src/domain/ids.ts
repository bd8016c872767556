/**
 * Stream ids of the mutual guarantee context: one prefix per stream kind, never reused, exactly as
 * the log holds them (`guarantees.company-<id>`, …). Never renamed: the names are data.
 */
export const streamIds = {
  federation: (federationId: string): string => `guarantees.federation-${federationId}`,
  company: (companyId: string): string => `guarantees.company-${companyId}`,
  convention: (conventionId: string): string => `guarantees.convention-${conventionId}`,
  guarantee: (guaranteeId: string): string => `guarantees.guarantee-${guaranteeId}`,
  /** One stream per bank loan: a loan is guaranteed at most once by the whole ledger. */
  bankLoan: (bankId: string, loanReference: string): string => `guarantees.bank-loan-${bankId}/${loanReference}`,
  /** A four-eyes proposal: the command waiting for a second person, its reservations and its outcome. */
  proposal: (proposalId: string): string => `guarantees-proposal-${proposalId}`,
} as const;

/** Bank ids and loan references go into stream ids and URLs: letters, digits and . _ - / only. */
export const BANK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const LOAN_REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,79}$/;
