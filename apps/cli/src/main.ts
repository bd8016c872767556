import 'reflect-metadata';
import { Command } from 'commander';
import { registerAccessCommands } from './commands/access.command';
import { registerEventsCommand } from './commands/events.command';
import { registerExportCommand } from './commands/export.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { registerProjectionsCommand } from './commands/projections.command';
import { registerReportCommand } from './commands/report.command';
import { registerSeedDemoCommand } from './commands/seed-demo.command';
import { registerStatusCommand } from './commands/status.command';
import { registerVerifyCommands } from './commands/verify.command';

/** `ledger`: the operators' and auditors' command line, on the same configuration as the API. */
const program = new Command('ledger').description('co-financing fund ledger: operate and audit').showHelpAfterError();

registerStatusCommand(program);
registerMigrateCommand(program);
registerEventsCommand(program);
registerExportCommand(program);
registerReportCommand(program);
registerProjectionsCommand(program);
registerVerifyCommands(program);
registerSeedDemoCommand(program);
registerAccessCommands(program);

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`ledger: ${error.message}`);
  process.exit(1);
});
