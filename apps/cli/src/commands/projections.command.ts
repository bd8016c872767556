import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { rebuildAndCompare } from '@ledger/audit';
import { ledgerContexts } from '@ledger/contexts';
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
          await runner.rebuild((position) => bar.update(Number(position)));
          bar.update(Number(head));
          bar.stop();
        }
        console.log(`rebuilt ${runners.length} projection(s) up to position ${head}`);
      });
    });

  projections
    .command('rebuild-compare')
    .description(
      'rebuild every read model from the log into a fresh schema and report any difference from the live one; ' +
        'exits 1 on a difference, or when a live read model is stuck, failed or behind',
    )
    .option('--keep', 'keep the rebuilt schema for inspection')
    .option('--json', 'print the report as JSON')
    .action(async (options: { keep?: boolean; json?: boolean }) => {
      const identical = await withRuntime(async (runtime) => {
        let bar: SingleBar | null = null;
        const report = await rebuildAndCompare(
          runtime.dataSource,
          runtime.store,
          runtime.database.schema,
          {
            migrations: ledgerContexts.flatMap((context) => context.readModels.migrations as never[]),
            projections: ledgerContexts.flatMap((context) => context.readModels.projections),
          },
          {
            keep: options.keep,
            onProjectionStart: (name, target) => {
              bar?.stop();
              bar = new SingleBar(
                { format: `${name.padEnd(32)} {bar} {value}/{total} events`, stream: process.stderr },
                Presets.shades_classic,
              );
              bar.start(Number(target), 0);
            },
            onProgress: (_, position) => bar?.update(Number(position)),
          },
        );
        (bar as SingleBar | null)?.stop();
        // Identical is not enough: a read model stuck at an old position is identical to a rebuild up to it.
        const live = await runtime.projectionsStatus();
        if (options.json)
          console.log(JSON.stringify({ ...report, live: { healthy: live.healthy, problems: live.problems } }, null, 2));
        else {
          for (const projection of report.projections) {
            console.log(
              `${projection.identical ? 'identical ' : 'DIFFERENT '} ${projection.projection} at position ${projection.position}`,
            );
            for (const table of projection.tables.filter((t) => t.onlyLive + t.onlyRebuilt > 0)) {
              console.log(`  ${table.table}: ${table.onlyLive} row(s) only live, ${table.onlyRebuilt} only rebuilt`);
              for (const sample of table.samples) console.log(`    ${sample.side}: ${JSON.stringify(sample.row)}`);
            }
          }
          console.log(
            report.identical ? 'read models identical to a rebuild from the log' : 'read models DIFFER from a rebuild',
          );
          if (report.kept) console.log(`rebuilt schema kept: ${report.schema}`);
          for (const problem of live.problems) console.log(`PROBLEM ${problem}`);
        }
        return report.identical && live.healthy;
      });
      if (!identical) process.exitCode = 1;
    });
}
