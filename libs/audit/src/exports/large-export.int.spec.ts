import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NewEvent } from '@ledger/event-store';
import { loadLedgerConfig, LedgerRuntime } from '@ledger/platform';
import { testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { EventHistory } from '../history/event-history';
import { EventExport } from './event-export';

// A garbage collector to call between measurements, so heap figures are live data, not litter.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const EVENTS = 50_000;
const silent = { log: () => undefined, error: () => undefined };

/**
 * Memory stays flat on a large export: 50 000 events of about 1 kB are exported as CSV and as
 * NDJSON into a sink that keeps nothing. The live heap is measured (after a collection) early
 * in the export and at its end: it must not grow with what was written — at most a small part
 * of it. No timing is asserted.
 */
for (const kind of testDatabaseKinds()) {
  describe(`a large export on ${kind}`, () => {
    let runtime: LedgerRuntime;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      runtime = await LedgerRuntime.open({ ...loadLedgerConfig(), ...config, runProjections: false }, [], silent);
      const note = 'Participation à un salon professionnel, "stand" partagé; '.repeat(12);
      for (let batch = 0; batch < EVENTS / 5_000; batch++) {
        const events: NewEvent[] = Array.from({ length: 5_000 }, (_, i) => ({
          id: randomUUID(),
          type: 'audit.LargeExportProbe',
          schemaVersion: 1,
          businessTime: new Date(Date.UTC(2021, 0, 1 + (i % 365))),
          data: {
            sequence: batch * 5_000 + i,
            amount: { amountMinor: String(1_000_000 + i), currency: 'MAD' },
            fee: { amountMinor: String(i), currency: 'XOF' },
            note,
          },
          metadata: {
            actor: 'load-test',
            role: 'auditor',
            correlationId: randomUUID(),
            causationId: null,
            idempotencyKey: null,
          },
        }));
        await runtime.store.appendToStream(`audit-probe-${batch}`, events, { expectedRevision: 'no_stream' });
      }
    }, 300_000);
    afterAll(async () => {
      await runtime?.close();
      await dropSchema();
    });

    async function measure(chunks: AsyncIterable<string>) {
      let bytes = 0;
      let lines = 0;
      let early: { heap: number; bytes: number } | null = null;
      for await (const chunk of chunks) {
        bytes += Buffer.byteLength(chunk);
        for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines += 1;
        if (early === null && lines >= EVENTS / 5) {
          gc();
          early = { heap: process.memoryUsage().heapUsed, bytes };
        }
      }
      gc();
      const end = process.memoryUsage().heapUsed;
      return { bytes, lines, growth: end - (early?.heap ?? 0), writtenSinceEarly: bytes - (early?.bytes ?? 0) };
    }

    it('streams 50 000 events as NDJSON and as CSV with a flat heap', async () => {
      const exporter = new EventExport(new EventHistory(runtime.store));
      for (const format of ['ndjson', 'csv'] as const) {
        const result = await measure(format === 'csv' ? exporter.csv() : exporter.ndjson());
        expect(result.lines).toBe(format === 'csv' ? EVENTS + 1 : EVENTS);
        expect(result.writtenSinceEarly).toBeGreaterThan(40 * 1024 * 1024);
        // Holding the output (or the events) would grow the heap by about what was written.
        expect(result.growth).toBeLessThan(result.writtenSinceEarly / 10);
      }
    }, 300_000);
  });
}
