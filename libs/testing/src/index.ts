export {
  describeOnPostgresServer,
  openTestDatabase,
  testDatabaseKinds,
  testDatabaseUrl,
  type TestDatabaseKind,
} from './test-databases';
