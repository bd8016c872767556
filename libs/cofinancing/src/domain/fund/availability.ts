import type { IsoDate } from '../calendar';

/**
 * The fund's available balance through business time: one aggregate change per date (contributions
 * and releases add, commitments subtract), sorted by date. available(t) is the sum of the changes
 * dated on or before t. An approval dated D takes its subsidy from every date t ≥ D, so it needs
 * min over t ≥ D of available(t) to cover it; contributions and releases only add, so once every
 * approval is checked this way, no as-of available balance is ever negative.
 *
 * Kept per date, not per event: thousands of approvals on a few hundred dates stay a few hundred
 * entries. A change costs one copy of the array (the state is immutable); a check one pass.
 */
export interface DatedChange {
  readonly on: IsoDate;
  /** Minor units of the fund's currency; never zero (a date whose changes cancel out is dropped). */
  readonly deltaMinor: bigint;
}

export type AvailabilityTimeline = readonly DatedChange[];

/** The timeline with `deltaMinor` more available from `on` onwards. */
export function withChange(timeline: AvailabilityTimeline, on: IsoDate, deltaMinor: bigint): AvailabilityTimeline {
  if (deltaMinor === 0n) return timeline;
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timeline[middle].on < on) low = middle + 1;
    else high = middle;
  }
  const next = timeline.slice();
  if (low < timeline.length && timeline[low].on === on) {
    const sum = timeline[low].deltaMinor + deltaMinor;
    if (sum === 0n) next.splice(low, 1);
    else next[low] = { on, deltaMinor: sum };
  } else {
    next.splice(low, 0, { on, deltaMinor });
  }
  return next;
}

/**
 * The lowest available balance on any date from `from` onwards, and the first date it is reached
 * (`from` itself when the balance never dips below its value on `from`).
 */
export function lowestAvailableFrom(timeline: AvailabilityTimeline, from: IsoDate): { minor: bigint; on: IsoDate } {
  let running = 0n;
  let index = 0;
  while (index < timeline.length && timeline[index].on <= from) running += timeline[index++].deltaMinor;
  let lowest = { minor: running, on: from };
  for (; index < timeline.length; index++) {
    running += timeline[index].deltaMinor;
    if (running < lowest.minor) lowest = { minor: running, on: timeline[index].on };
  }
  return lowest;
}

/** The available balance as of the end of `on` (everything dated on or before it). */
export function availableOn(timeline: AvailabilityTimeline, on: IsoDate): bigint {
  let running = 0n;
  for (const change of timeline) {
    if (change.on > on) break;
    running += change.deltaMinor;
  }
  return running;
}
