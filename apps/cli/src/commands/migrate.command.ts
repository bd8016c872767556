import type { Command } from 'commander';
import { withRuntime } from '../cli-runtime';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations of the event store and the read models, then exit')
    .action(async () => {
      await withRuntime(async (runtime) => {
        const rows: { name: string }[] = await runtime.dataSource.query(
          'SELECT name FROM schema_migrations ORDER BY id',
        );
        console.log(`${rows.length} migrations applied:`);
        for (const row of rows) console.log(`  ${row.name}`);
      });
    });
}
