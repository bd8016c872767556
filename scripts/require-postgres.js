// Fails (never skips) when the PostgreSQL server the server suites need is not reachable.
const { Pool } = require('pg');

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  process.stderr.write(
    'TEST_DATABASE_URL is not set: e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test\n',
  );
  process.exit(1);
}
const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5000 });
pool
  .query('SELECT version()')
  .then(({ rows }) => {
    process.stdout.write(`PostgreSQL server reachable: ${rows[0].version.split(',')[0]}\n`);
    return pool.end();
  })
  .catch((error) => {
    process.stderr.write(`PostgreSQL server at ${url} unreachable: ${error.message}\n`);
    process.exit(1);
  });
