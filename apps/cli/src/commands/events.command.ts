import type { Command } from 'commander';
import { auditEventView, EventHistory } from '@ledger/audit';
import { withRuntime } from '../cli-runtime';
import { positionOption } from './output';

interface EventsOptions {
  stream?: string;
  after: string;
  limit: string;
  type?: string;
  streamPrefix?: string;
  fromRevision?: string;
  direction: string;
}

/**
 * `ledger events`: the log as NDJSON, one event per line in the same shape as GET /audit/events
 * (position, stream, revision, id, type, schema version, both times, actor, role, correlation,
 * causation, idempotency key, hash, data). For the whole log as a file, see `ledger export events`.
 */
export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('print events as NDJSON: one stream (--stream) or the whole log in global order')
    .option('--stream <id>', 'only this stream, in revision order')
    .option('--from-revision <n>', 'with --stream: start at this revision (inclusive)')
    .option('--direction <forwards|backwards>', 'with --stream: revision order', 'forwards')
    .option('--after <position>', 'only events after this global position', '0')
    .option('--type <type>', 'only events of this type, e.g. cofinancing.GrantApproved')
    .option('--stream-prefix <prefix>', 'only streams whose id starts with this, e.g. cofinancing-grant-')
    .option('--limit <n>', 'at most this many events', '1000')
    .action(async (options: EventsOptions) => {
      const limit = Number(options.limit);
      const after = positionOption('--after', options.after) ?? 0n;
      const fromRevision = positionOption('--from-revision', options.fromRevision);
      if (!Number.isSafeInteger(limit) || limit < 1) throw new Error('--limit must be a positive integer');
      if (options.direction !== 'forwards' && options.direction !== 'backwards') {
        throw new Error('--direction must be forwards or backwards');
      }
      const direction = options.direction;
      await withRuntime(async (runtime) => {
        const history = new EventHistory(runtime.store);
        if (options.stream) {
          let from = fromRevision;
          let left = limit;
          while (left > 0) {
            const page = await history.streamPage(options.stream, {
              fromRevision: from,
              limit: Math.min(left, 1000),
              direction,
            });
            for (const event of page.items) console.log(JSON.stringify(event));
            left -= page.items.length;
            if (page.nextFromRevision === null) break;
            from = BigInt(page.nextFromRevision);
          }
          return;
        }
        let printed = 0;
        for await (const event of history.iterate({ after, type: options.type, streamPrefix: options.streamPrefix })) {
          console.log(JSON.stringify(auditEventView(event)));
          if (++printed >= limit) break;
        }
      });
    });
}
