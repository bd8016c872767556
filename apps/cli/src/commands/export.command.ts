import type { Command } from 'commander';
import { auditServices } from '@ledger/audit';
import { isCalendarDate } from '@ledger/platform';
import { withRuntime } from '../cli-runtime';
import { positionOption, writeOutput } from './output';

interface ExportOptions {
  format: string;
  asOf?: string;
  out?: string;
  after?: string;
  upTo?: string;
  type?: string;
  streamPrefix?: string;
  catchUp?: boolean;
}

/**
 * `ledger export events|balances`: the same streamed exports as GET /audit/exports/…, to a file
 * (`--out`) or stdout. CSV opens in a spreadsheet: amounts in major units next to a currency column.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export events or balances as CSV or NDJSON (streamed)')
    .argument('<what>', 'events | balances')
    .option('--format <csv|ndjson>', 'file format', 'csv')
    .option('--as-of <date>', 'balances: as they stood at the end of this day (YYYY-MM-DD)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--after <position>', 'events: only after this global position')
    .option('--up-to <position>', 'events: up to this global position (default: the head at the start)')
    .option('--type <type>', 'events: only this event type')
    .option('--stream-prefix <prefix>', 'events: only streams whose id starts with this')
    .option('--catch-up', 'balances: bring the read models up to the log head first (not while the API runs)')
    .action(async (what: string, options: ExportOptions) => {
      if (what !== 'events' && what !== 'balances') throw new Error('export what? events or balances');
      if (options.format !== 'csv' && options.format !== 'ndjson') throw new Error('--format must be csv or ndjson');
      if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
        throw new Error(`--as-of must be a date YYYY-MM-DD, got ${options.asOf}`);
      }
      const after = positionOption('--after', options.after);
      const upTo = positionOption('--up-to', options.upTo);
      await withRuntime(async (runtime) => {
        const audit = auditServices(runtime);
        if (what === 'events') {
          const filter = { after, upTo, type: options.type, streamPrefix: options.streamPrefix };
          const text = options.format === 'csv' ? audit.eventExport.csv(filter) : audit.eventExport.ndjson(filter);
          await writeOutput(text, options.out);
          return;
        }
        if (options.catchUp) await runtime.catchUpProjections();
        const plan = await audit.balanceExport.plan({ asOf: options.asOf });
        if (plan.basis === 'as-of') {
          process.stderr.write(`balances as of ${plan.asOf} (every event recorded, business dates up to it)\n`);
        } else {
          process.stderr.write(
            `balances from the live read models at log position ${plan.readModelsPosition}` +
              (options.asOf
                ? ` — as-of balances are not available yet, so these are not those of ${options.asOf}`
                : '') +
              '\n',
          );
        }
        const text = options.format === 'csv' ? audit.balanceExport.csv(plan) : audit.balanceExport.ndjson(plan);
        await writeOutput(text, options.out);
      });
    });
}
