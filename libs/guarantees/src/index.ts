// Public door of @ledger/guarantees: the Nest module and its read models for the shared runtime.
export { GuaranteesModule } from './guarantees.module';
export { guaranteesReadModels } from './read-models';
// Balances as of a business date, as known at a record time: for the audit exports and other contexts.
export { GuaranteeBalancesAsOf, GUARANTEE_BALANCES_PROJECTION, type MoneyAsOf } from './application/as-of';
// Four-eyes: the expiry of pending proposals (its `runDue` is what a test or an operator drives).
export { GuaranteesExpiryScheduler } from './application/four-eyes/expiry-scheduler';
