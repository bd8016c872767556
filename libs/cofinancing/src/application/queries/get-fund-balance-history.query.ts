import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface FundBalancePoint {
  /** The balances as of the end of this business day. */
  readonly asOf: string;
  readonly contributed: MoneyJson;
  readonly committed: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly available: MoneyJson;
}

export interface FundBalanceHistoryView {
  readonly fundId: string;
  readonly currency: string;
  readonly from: string;
  readonly to: string;
  /** One point at the end of each month from `from` to `to`, and one at `to`. */
  readonly points: FundBalancePoint[];
}

/** At most this many points in one answer: ten years of months. */
export const MAX_HISTORY_POINTS = 121;

/**
 * A fund's balances over time, for a chart: each point is the as-of balance at a month end,
 * read from the as-of projection (the same figures as `GET /cofinancing/funds/:id?asOf=`).
 */
export class GetFundBalanceHistoryQuery extends Query<FundBalanceHistoryView> {
  constructor(
    readonly fundId: string,
    readonly from: string | undefined,
    readonly to: string | undefined,
  ) {
    super();
  }
}

/**
 * The month ends strictly after `from` and before `to`, then `to` itself, keeping the last
 * `max` of them. Dates are 'YYYY-MM-DD'; `from` ≤ `to`.
 */
export function monthEndsBetween(from: string, to: string, max = MAX_HISTORY_POINTS): string[] {
  const dates: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (end >= to) break;
    if (end >= from) dates.push(end);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  dates.push(to);
  return dates.slice(-max);
}
