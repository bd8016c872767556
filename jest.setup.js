// Tests never write keys into the working tree: checkpoints are signed with a throw-away key file.
const { join } = require('node:path');
const { tmpdir } = require('node:os');

process.env.LEDGER_SIGNING_KEY_FILE ??= join(tmpdir(), `ledger-test-signing-key-${process.pid}.pem`);
