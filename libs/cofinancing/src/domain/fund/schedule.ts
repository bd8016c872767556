import { BasisPoints, Money } from '@ledger/money';
import { field, type Decoded } from '@ledger/kernel';
import { CapExceeded, InvalidSchedule, NoScheduleInForce, ParticipationYearIneligible } from '../errors';
import type { IsoDate } from '../calendar';

/** What a window funds (seed part 4.2, "Composante 2", and the Moroccan consortium fund). */
export const SUPPORT_KINDS = [
  'diagnostic',
  'feasibility-study',
  'technical-assistance',
  'commercial-assistance',
  'implementation',
  'provider-training',
  'applied-research',
  'institutional-upgrading',
  'consortium-start-up',
  'consortium-promotion',
] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** One participation year of a schedule: the subsidy rate and the cap on the subsidy for that year. */
export const yearTermShape = { rate: field.basisPoints(), cap: field.money() };

/**
 * After the last listed year: 'ineligible' (rate and cap null), or 'floor-rate' — every later
 * year at `rate`, capped at `cap`.
 */
export const afterLastYearShape = {
  rule: field.literal('ineligible', 'floor-rate'),
  rate: field.optional(field.basisPoints()),
  cap: field.optional(field.money()),
};

/** One version of a window's cost-share schedule, in force from `effectiveFrom`. */
export const scheduleShape = {
  version: field.integer(),
  effectiveFrom: field.date(),
  years: field.array(field.object(yearTermShape)),
  afterLastYear: field.object(afterLastYearShape),
};

export type YearTerm = Decoded<typeof yearTermShape>;
export type AfterLastYear = Decoded<typeof afterLastYearShape>;
export type ScheduleVersion = Decoded<typeof scheduleShape>;
export type ScheduleTerms = Omit<ScheduleVersion, 'version'>;

/** Checks a schedule proposed by a command: at least one year, every cap in the fund's currency and > 0. */
export function validateScheduleTerms(terms: ScheduleTerms, currency: string): void {
  if (terms.years.length === 0) throw new InvalidSchedule('schedule.years', 'at least one participation year');
  if (terms.years.length > 50) throw new InvalidSchedule('schedule.years', 'at most 50 participation years');
  terms.years.forEach((year, index) => {
    if (year.cap.currency.code !== currency) {
      throw new InvalidSchedule(`schedule.years[${index}].cap.currency`, `must be the fund's currency ${currency}`);
    }
    if (!year.cap.isPositive()) throw new InvalidSchedule(`schedule.years[${index}].cap`, 'must be positive');
  });
  const after = terms.afterLastYear;
  if (after.rule === 'ineligible') {
    if (after.rate !== null || after.cap !== null) {
      throw new InvalidSchedule('schedule.afterLastYear', "an 'ineligible' rule has no rate and no cap");
    }
    return;
  }
  if (after.rate === null) throw new InvalidSchedule('schedule.afterLastYear.rate', "a 'floor-rate' rule needs a rate");
  if (after.cap === null) throw new InvalidSchedule('schedule.afterLastYear.cap', "a 'floor-rate' rule needs a cap");
  if (after.cap.currency.code !== currency) {
    throw new InvalidSchedule('schedule.afterLastYear.cap.currency', `must be the fund's currency ${currency}`);
  }
  if (!after.cap.isPositive()) throw new InvalidSchedule('schedule.afterLastYear.cap', 'must be positive');
}

/**
 * The version in force on a date: the latest one whose `effectiveFrom` is on or before it.
 * Versions are kept in the order they were recorded, which is also the order of their dates.
 */
export function scheduleInForce(versions: readonly ScheduleVersion[], windowId: string, on: IsoDate): ScheduleVersion {
  let found: ScheduleVersion | undefined;
  for (const version of versions) if (version.effectiveFrom <= on) found = version;
  if (!found) throw new NoScheduleInForce(windowId, on);
  return found;
}

/** Rate and cap of one participation year under one schedule version. */
export function termsForYear(
  schedule: ScheduleVersion,
  year: number,
): { rate: BasisPoints; cap: Money; yearRule: 'schedule-year' | 'floor-rate' } {
  const listed = schedule.years[year - 1];
  if (listed) return { rate: listed.rate, cap: listed.cap, yearRule: 'schedule-year' };
  const after = schedule.afterLastYear;
  if (after.rule === 'ineligible' || after.rate === null || after.cap === null) {
    throw new ParticipationYearIneligible(year, schedule.years.length, schedule.version);
  }
  return { rate: after.rate, cap: after.cap, yearRule: 'floor-rate' };
}

/** The computation an approval records, so that replay never re-decides. */
export interface SubsidyComputation {
  readonly scheduleVersion: number;
  readonly participationYear: number;
  readonly yearRule: 'schedule-year' | 'floor-rate';
  readonly rate: BasisPoints;
  readonly eligibleCost: Money;
  /** floor(eligible cost × rate / 10 000). */
  readonly rateSubsidy: Money;
  readonly cap: Money;
  readonly capUsedBefore: Money;
  readonly capLeft: Money;
  /** min(rateSubsidy, capLeft). */
  readonly subsidy: Money;
  readonly ownShare: Money;
  readonly limitedBy: 'rate' | 'cap';
}

/**
 * subsidy = min(floor(eligible cost × rate of the participation year), cap left for that
 * beneficiary, window and year). The cap limits the SUBSIDY, not the eligible cost.
 * @throws ParticipationYearIneligible, CapExceeded (nothing left of the cap)
 */
export function computeSubsidy(input: {
  readonly schedule: ScheduleVersion;
  readonly participationYear: number;
  readonly eligibleCost: Money;
  readonly capUsed: Money;
}): SubsidyComputation {
  const { schedule, participationYear, eligibleCost, capUsed } = input;
  const { rate, cap, yearRule } = termsForYear(schedule, participationYear);
  const rateSubsidy = eligibleCost.applyRate(rate);
  const capLeft = cap.greaterThan(capUsed) ? cap.minus(capUsed) : Money.zero(cap.currency);
  if (capLeft.isZero()) throw new CapExceeded(cap, capUsed, participationYear);
  const limitedBy = rateSubsidy.lessThanOrEqual(capLeft) ? 'rate' : 'cap';
  const subsidy = limitedBy === 'rate' ? rateSubsidy : capLeft;
  return {
    scheduleVersion: schedule.version,
    participationYear,
    yearRule,
    rate,
    eligibleCost,
    rateSubsidy,
    cap,
    capUsedBefore: capUsed,
    capLeft,
    subsidy,
    ownShare: eligibleCost.minus(subsidy),
    limitedBy,
  };
}
