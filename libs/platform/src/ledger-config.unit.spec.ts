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
