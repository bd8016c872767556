import type { Command } from 'commander';
import { withRuntime } from '../cli-runtime';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('where the log and each projection stand')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const head = await runtime.store.headPosition();
        const status = {
          database: runtime.database.kind,
          eventStore: runtime.config.kurrentDbConnectionString ? 'kurrentdb' : 'sql',
          headPosition: head.toString(),
          projections: await Promise.all(
            runtime.projections.map(async (runner) => {
              const checkpoint = await runner.storedCheckpoint();
              return { name: runner.name, checkpoint: checkpoint.toString(), lag: (head - checkpoint).toString() };
            }),
          ),
        };
        if (options.json) console.log(JSON.stringify(status, null, 2));
        else {
          console.log(`database      ${status.database}`);
          console.log(`event store   ${status.eventStore}`);
          console.log(`head position ${status.headPosition}`);
          for (const projection of status.projections) {
            console.log(
              `projection    ${projection.name.padEnd(32)} at ${projection.checkpoint} (lag ${projection.lag})`,
            );
          }
        }
      });
    });
}
