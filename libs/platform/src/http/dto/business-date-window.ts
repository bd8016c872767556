import { AsyncLocalStorage } from 'node:async_hooks';

/** The last day a term of a contract (a validity end, a maturity, an effective date) may name. */
export const LATEST_TERM_DATE = '2200-12-31';

/**
 * The window business dates must lie in (LEDGER_BUSINESS_DATE_EARLIEST and
 * LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD), and the ledger's clock that says what "today" is.
 */
export interface BusinessDateRules {
  /** The earliest business date, YYYY-MM-DD. */
  readonly earliest: string;
  /** How many days after today (UTC) a date of something that happened may be. */
  readonly maxDaysAhead: number;
  readonly now: () => Date;
}

/** What a date names: something that happened (≤ today + maxDaysAhead), or a term of a contract (≤ LATEST_TERM_DATE). */
export type BusinessDateKind = 'happened' | 'term';

export const DEFAULT_BUSINESS_DATE_RULES: BusinessDateRules = {
  earliest: '1900-01-01',
  maxDaysAhead: 1,
  now: () => new Date(),
};

const current = new AsyncLocalStorage<BusinessDateRules>();

/** Runs `work` (the validation of one input) under `rules`; the date decorators read them. */
export function withBusinessDateRules<T>(rules: BusinessDateRules, work: () => T): T {
  return current.run(rules, work);
}

/** The rules of the validation under way, or the defaults (outside the HTTP pipe: unit tests). */
export function businessDateRules(): BusinessDateRules {
  return current.getStore() ?? DEFAULT_BUSINESS_DATE_RULES;
}

/** The first and last day (YYYY-MM-DD, both included) a date of that kind may be, now. */
export function businessDateWindow(
  kind: BusinessDateKind,
  rules: BusinessDateRules = businessDateRules(),
): { earliest: string; latest: string } {
  if (kind === 'term') return { earliest: rules.earliest, latest: LATEST_TERM_DATE };
  const latest = new Date(rules.now().getTime() + rules.maxDaysAhead * 86_400_000).toISOString().slice(0, 10);
  return { earliest: rules.earliest, latest };
}

/** Whether a YYYY-MM-DD (or the day of an ISO instant) lies in the window (same-length strings compare as dates). */
export function isInWindow(day: string, window: { earliest: string; latest: string }): boolean {
  return day >= window.earliest && day <= window.latest;
}

/** Why a date was refused, naming the window and the settings behind it. */
export function outOfWindowReason(property: string, kind: BusinessDateKind, rules = businessDateRules()): string {
  const { earliest, latest } = businessDateWindow(kind, rules);
  const why =
    kind === 'term'
      ? `a contract date may not be before LEDGER_BUSINESS_DATE_EARLIEST nor after ${LATEST_TERM_DATE}`
      : `a business date may not be before LEDGER_BUSINESS_DATE_EARLIEST nor more than ` +
        `LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD (${rules.maxDaysAhead}) days after today, UTC`;
  return `${property} must be from ${earliest} to ${latest}: ${why}`;
}
