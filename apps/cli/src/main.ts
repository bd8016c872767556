import 'reflect-metadata';
import { Command } from 'commander';
import { registerEventsCommand } from './commands/events.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { registerProjectionsCommand } from './commands/projections.command';
import { registerStatusCommand } from './commands/status.command';

/** `ledger`: the operators' and auditors' command line, on the same configuration as the API. */
const program = new Command('ledger').description('co-financing fund ledger: operate and audit').showHelpAfterError();

registerStatusCommand(program);
registerMigrateCommand(program);
registerEventsCommand(program);
registerProjectionsCommand(program);

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`ledger: ${error.message}`);
  process.exit(1);
});
