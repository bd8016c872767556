import { loadLedgerConfig } from './ledger-config';

describe('loadLedgerConfig', () => {
  it('runs a losing command 25 times in all unless LEDGER_COMMAND_ATTEMPTS says otherwise', () => {
    expect(loadLedgerConfig({}).commandAttempts).toBe(25);
    expect(loadLedgerConfig({ LEDGER_COMMAND_ATTEMPTS: '40' }).commandAttempts).toBe(40);
  });

  it.each(['0', '-1', '2.5', 'many'])('refuses LEDGER_COMMAND_ATTEMPTS=%s', (value) => {
    expect(() => loadLedgerConfig({ LEDGER_COMMAND_ATTEMPTS: value })).toThrow(/LEDGER_COMMAND_ATTEMPTS/);
  });
});

describe('HTTP_REQUEST_TIMEOUT_MS', () => {
  it('gives a client 30 s to send its request unless set', () => {
    expect(loadLedgerConfig({}).httpRequestTimeoutMs).toBe(30_000);
    expect(loadLedgerConfig({ HTTP_REQUEST_TIMEOUT_MS: '5000' }).httpRequestTimeoutMs).toBe(5_000);
  });

  it.each(['999', '-1', '2.5', 'soon'])('refuses HTTP_REQUEST_TIMEOUT_MS=%s', (value) => {
    expect(() => loadLedgerConfig({ HTTP_REQUEST_TIMEOUT_MS: value })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });
});

describe('LEDGER_ROLE', () => {
  it('serves the API and runs the projections unless told otherwise', () => {
    expect(loadLedgerConfig({})).toMatchObject({ role: 'all', runProjections: true });
    expect(loadLedgerConfig({ LEDGER_ROLE: 'api' })).toMatchObject({ role: 'api', runProjections: false });
    expect(loadLedgerConfig({ LEDGER_ROLE: 'projector' })).toMatchObject({ role: 'projector', runProjections: true });
    expect(loadLedgerConfig({ RUN_PROJECTIONS: 'false' })).toMatchObject({ role: 'api', runProjections: false });
  });

  it('refuses a role it does not know, naming the setting', () => {
    expect(() => loadLedgerConfig({ LEDGER_ROLE: 'worker' })).toThrow(/LEDGER_ROLE must be one of all, api, projector/);
  });

  it('refuses a read pool without a primary server', () => {
    expect(() => loadLedgerConfig({ DATABASE_READ_URL: 'postgres://replica/db' })).toThrow(/DATABASE_READ_URL/);
  });

  it.each(['LEDGER_LEASE_TTL_MS', 'LEDGER_READY_MAX_LAG', 'LEDGER_STUCK_AFTER_MS'])('refuses %s=-5', (name) => {
    expect(() => loadLedgerConfig({ [name]: '-5' })).toThrow(new RegExp(name));
  });
});
