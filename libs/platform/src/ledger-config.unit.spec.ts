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
