export {
  describeOnPostgresServer,
  openTestDatabase,
  testDatabaseKinds,
  testDatabaseUrl,
  type TestDatabaseKind,
} from './test-databases';
export { closeTestApp, testLedgerConfig } from './test-app';
export { newKey } from './idempotency';
export { testPrincipals, type AuthHeaders, type TestPrincipals } from './test-principals';
