// A guarantee on one member's loan: stream `streamIds.guarantee(id)`. It has no decide.ts: its
// commands are decided in issuance/ and lifecycle/, with the other streams they write.
export * from './events';
export * from './state';
export * from './guards';
export * from './loan-reference';
// The bank loan stream is its own aggregate (bank-loan/); four-eyes.unit.spec.ts still imports it from here.
export { bankLoanModel, type BankLoanEvent } from '../bank-loan';
