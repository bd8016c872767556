// A bank's loan, guaranteed at most once by the whole ledger: stream `streamIds.bankLoan(bankId, loanReference)`.
// Written by the issuance (issuance/) and by four-eyes reservations; it has no command of its own.
export * from './events';
export * from './state';
