import type { Command } from 'commander';
import { projectionsStatusJson } from '@ledger/event-sourcing';
import { withRuntime } from '../cli-runtime';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description(
      'where the log and each projection stand, as stored; exits 1 when a read model is stuck, failed or behind',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const healthy = await withRuntime(async (runtime) => {
        const stored = await runtime.projectionsStatus();
        const status = {
          status: stored.healthy ? 'ok' : 'degraded',
          database: runtime.database.kind,
          eventStore: runtime.config.kurrentDbConnectionString ? 'kurrentdb' : 'sql',
          ...projectionsStatusJson(stored),
        };
        if (options.json) console.log(JSON.stringify(status, null, 2));
        else {
          console.log(`database      ${status.database}`);
          console.log(`event store   ${status.eventStore}`);
          console.log(`head position ${status.headPosition}`);
          console.log(
            `lease         ${stored.lease ? `${stored.lease.holder} (${stored.lease.live ? 'live' : 'expired'})` : 'none'}`,
          );
          for (const projection of status.projections) {
            console.log(
              `projection    ${projection.name.padEnd(32)} ${projection.state.padEnd(11)} at ${projection.checkpoint} (lag ${projection.lag})`,
            );
          }
          for (const problem of status.problems) console.log(`PROBLEM       ${problem}`);
        }
        return stored.healthy;
      });
      if (!healthy) process.exitCode = 1;
    });
}
