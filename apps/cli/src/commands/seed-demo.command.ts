import type { Command } from 'commander';
import { seedDemo } from '../seed/seed-demo';

/** `ledger seed-demo --events N --seed S`: a deterministic demo programme through the real command handlers. */
export function registerSeedDemoCommand(program: Command): void {
  program
    .command('seed-demo')
    .description(
      'fill an empty ledger with a realistic programme (funds in MAD, TND, XOF; mutual guarantee companies) ' +
        'through the command handlers, deterministic from a seed; then check the invariants',
    )
    .option('--events <n>', 'stop once the log holds at least this many events', '10000')
    .option('--seed <s>', 'the seed: same seed, same commands and events', '42')
    .option('--lanes <n>', 'independent commands run at a time inside a fund (1: one at a time)', '6')
    .option('--sequential', 'run funds and companies one after the other: the same global order on every run')
    .option('--skip-checks', 'skip the rebuild-and-compare and verify checks')
    .option('--json', 'print the report as JSON')
    .action(
      async (options: {
        events: string;
        seed: string;
        lanes: string;
        sequential?: boolean;
        skipChecks?: boolean;
        json?: boolean;
      }) => {
        const events = Number(options.events);
        const seed = Number(options.seed);
        const lanes = Number(options.lanes);
        if (!Number.isSafeInteger(events) || events < 1)
          throw new Error(`--events must be a whole number ≥ 1, got ${options.events}`);
        if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got ${options.seed}`);
        if (!Number.isSafeInteger(lanes) || lanes < 1)
          throw new Error(`--lanes must be a whole number ≥ 1, got ${options.lanes}`);
        const result = await seedDemo({
          events,
          seed,
          lanes,
          sequential: options.sequential,
          skipChecks: options.skipChecks,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        if (options.json) console.log(JSON.stringify(result, null, 2));
        else {
          const { programme } = result;
          console.log(
            `seeded ${result.eventsAppended} events (head ${result.head}) over ${programme.months} months up to ${programme.lastBusinessDate}, ` +
              `${result.eventsPerSecond} events/s, ${result.commandsPerSecond} commands/s; projections caught up in ${result.projectionCatchUpSeconds} s`,
          );
          console.log(`commands: ${JSON.stringify(programme.commands)}`);
          console.log(`refused by the domain (and handled): ${JSON.stringify(programme.refusals)}`);
          for (const fund of programme.funds)
            console.log(`fund ${fund.fundId} ${fund.currency} ${fund.name}: ${fund.beneficiaries} beneficiaries`);
          for (const company of programme.companies)
            console.log(
              `company ${company.companyId} ${company.name}: convention ${company.conventionId} with ${company.bankId}`,
            );
          console.log(`samples: ${JSON.stringify(programme.samples)}`);
          for (const check of result.checks)
            console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
        }
        if (!result.ok) process.exitCode = 1;
      },
    );
}
