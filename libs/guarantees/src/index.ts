// Public door of @ledger/guarantees: the Nest module and its read models for the shared runtime.
export { GuaranteesModule } from './guarantees.module';
export { guaranteesReadModels } from './read-models';
