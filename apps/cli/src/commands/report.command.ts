import type { Command } from 'commander';
import { auditServices, monitoringCsv, MONITORING_SCOPES, type MonitoringScope } from '@ledger/audit';
import { isCalendarDate } from '@ledger/platform';
import { withRuntime } from '../cli-runtime';
import { writeOutput } from './output';

interface ReportOptions {
  scope: string;
  id?: string;
  from?: string;
  to?: string;
  format: string;
  out?: string;
  catchUp?: boolean;
}

/** `ledger report`: the monitoring report of GET /audit/monitoring, as JSON or CSV. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'monitoring report: reach, subsidy per firm, leverage, effective rates by year, call and recovery rates',
    )
    .option('--scope <programme|fund|company>', 'what the report covers', 'programme')
    .option('--id <id>', 'the fund id (scope fund) or company id (scope company)')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .option('--to <date>', 'last day of the period (YYYY-MM-DD)')
    .option('--format <json|csv>', 'output format', 'json')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--catch-up', 'bring the read models up to the log head first (not while the API runs)')
    .action(async (options: ReportOptions) => {
      if (!(MONITORING_SCOPES as readonly string[]).includes(options.scope)) {
        throw new Error(`--scope must be one of ${MONITORING_SCOPES.join(', ')}`);
      }
      const scope = options.scope as MonitoringScope;
      if (scope !== 'programme' && !options.id) throw new Error(`--id is required with --scope ${scope}`);
      if (scope === 'programme' && options.id) throw new Error('--id is not for --scope programme');
      for (const [name, value] of [
        ['--from', options.from],
        ['--to', options.to],
      ] as const) {
        if (value !== undefined && !isCalendarDate(value)) throw new Error(`${name} must be a date YYYY-MM-DD`);
      }
      if (options.from && options.to && options.from > options.to) throw new Error('--to must not be before --from');
      if (options.format !== 'json' && options.format !== 'csv') throw new Error('--format must be json or csv');
      await withRuntime(async (runtime) => {
        if (options.catchUp) await runtime.catchUpProjections();
        const report = await auditServices(runtime).monitoring.report({
          scope,
          id: options.id ?? null,
          from: options.from ?? null,
          to: options.to ?? null,
        });
        const text = options.format === 'csv' ? monitoringCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
        await writeOutput(
          (async function* () {
            yield text;
          })(),
          options.out,
        );
      });
    });
}
