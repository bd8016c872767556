import type { Command } from 'commander';
import type { RecordedEvent } from '@ledger/event-store';
import { withRuntime } from '../cli-runtime';

/** NDJSON line of an event: every field an auditor needs, bigints as strings. */
function toLine(event: RecordedEvent): string {
  return JSON.stringify({
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    businessTime: event.businessTime.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    metadata: event.metadata,
    data: event.data,
  });
}

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('print events as NDJSON: one stream (--stream) or the whole log in global order')
    .option('--stream <id>', 'only this stream, in revision order')
    .option('--after <position>', 'only events after this global position', '0')
    .option('--limit <n>', 'at most this many events', '1000')
    .action(async (options: { stream?: string; after: string; limit: string }) => {
      const limit = Number(options.limit);
      if (!/^\d+$/.test(options.after) || !Number.isSafeInteger(limit) || limit < 1) {
        throw new Error('--after must be a position and --limit a positive integer');
      }
      await withRuntime(async (runtime) => {
        if (options.stream) {
          for (const event of await runtime.store.readStream(options.stream, { maxCount: limit }))
            console.log(toLine(event));
          return;
        }
        let after = BigInt(options.after);
        let left = limit;
        while (left > 0) {
          const page = await runtime.store.readAll({ afterPosition: after, maxCount: Math.min(left, 1000) });
          for (const event of page) console.log(toLine(event));
          if (page.length === 0) break;
          after = page[page.length - 1].position;
          left -= page.length;
        }
      });
    });
}
