import { deterministicUuid } from '@ledger/event-sourcing';

/**
 * The demo generator's randomness: mulberry32, a 32-bit PRNG small enough to read, seeded per
 * stream of commands, so the same seed always gives the same programme.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Derives an independent generator for one worker from the run's seed and a name. */
  static derive(seed: number, name: string): Prng {
    let hash = 2166136261 ^ seed;
    for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
    return new Prng(hash >>> 0);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** Ids derived from the seed: the same run names its funds, grants and firms the same way. */
export function seededId(seed: number, ...parts: (string | number)[]): string {
  return deterministicUuid(`seed-demo|${seed}|${parts.join('|')}`);
}

/** 'YYYY-MM-DD' of day `day` (1–28) of the month `monthIndex` months after January of `startYear`. */
export function monthDate(startYear: number, monthIndex: number, day: number): string {
  const year = startYear + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Runs `work` over `items` with at most `limit` at a time, in a stable order of starts. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(lanes);
}
