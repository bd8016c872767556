import { LedgerRuntime, loadLedgerConfig } from '@ledger/platform';
import { ledgerContexts } from '@ledger/contexts';
import type { SeededLedger } from './seeded-ledger';

/** The runtime the API runs, on a seeded ledger, projections not started. */
export function openRuntime(ledger: SeededLedger): Promise<LedgerRuntime> {
  return LedgerRuntime.open(
    { ...loadLedgerConfig({ ...process.env, ...ledger.env }), runProjections: false },
    ledgerContexts.map((context) => context.readModels),
    { log: () => undefined, error: (message, stack) => console.error(message, stack ?? '') },
  );
}

export function eventsArg(fallback: number): number[] {
  const index = process.argv.indexOf('--events');
  if (index < 0) return [fallback];
  return process.argv[index + 1].split(',').map((value) => Number(value));
}

/** Samples RSS and heap every `everyMs` while work runs: peak and the spread after warm-up. */
export async function withMemorySampling<T>(work: () => Promise<T>, everyMs = 200) {
  const samples: { t: number; rssMiB: number; heapMiB: number }[] = [];
  const started = Date.now();
  const sample = () => {
    const usage = process.memoryUsage();
    samples.push({ t: Date.now() - started, rssMiB: usage.rss / 2 ** 20, heapMiB: usage.heapUsed / 2 ** 20 });
  };
  sample();
  const timer = setInterval(sample, everyMs);
  try {
    const result = await work();
    return { result, samples };
  } finally {
    clearInterval(timer);
    sample();
  }
}

export function memorySummary(samples: readonly { rssMiB: number; heapMiB: number }[]) {
  const tenth = Math.floor(samples.length / 10);
  const rest = samples.slice(tenth);
  const quarter = (from: number) =>
    rest.slice(Math.floor((rest.length * from) / 4), Math.floor((rest.length * (from + 1)) / 4));
  const peak = (list: readonly { rssMiB: number }[]) => Math.round(Math.max(0, ...list.map((s) => s.rssMiB)));
  return {
    peakRssMiB: Math.round(Math.max(...samples.map((s) => s.rssMiB))),
    peakHeapMiB: Math.round(Math.max(...samples.map((s) => s.heapMiB))),
    /** Peak RSS in each quarter of the run after the first tenth: flat when memory is constant. */
    peakRssByQuarterMiB: [0, 1, 2, 3].map((q) => peak(quarter(q))),
    samples: samples.length,
  };
}
