import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { withRuntime } from '../cli-runtime';

export function registerProjectionsCommand(program: Command): void {
  const projections = program.command('projections').description('read models fed from the log');

  projections
    .command('list')
    .description('the projections this ledger runs')
    .action(async () => {
      await withRuntime(async (runtime) => {
        for (const runner of runtime.projections) console.log(runner.name);
      });
    });

  projections
    .command('rebuild')
    .description('empty read models and replay the whole log into them (stop the API first on the embedded database)')
    .option('--name <name>', 'only this projection')
    .action(async (options: { name?: string }) => {
      await withRuntime(async (runtime) => {
        const runners = runtime.projections.filter((runner) => !options.name || runner.name === options.name);
        if (runners.length === 0) throw new Error(`no projection named ${options.name}`);
        const head = await runtime.store.headPosition();
        for (const runner of runners) {
          const bar = new SingleBar(
            { format: `${runner.name.padEnd(32)} {bar} {value}/{total} events` },
            Presets.shades_classic,
          );
          bar.start(Number(head), 0);
          await runner.reset();
          await runner.catchUp((position) => bar.update(Number(position)));
          bar.update(Number(head));
          bar.stop();
        }
        console.log(`rebuilt ${runners.length} projection(s) up to position ${head}`);
      });
    });
}
