// Public door of @ledger/contexts: the bounded contexts the service runs, for every composition
// root (the API, the CLI, the benches and the whole-service tests).
export { ledgerContexts, type LedgerContext } from './ledger-contexts';
