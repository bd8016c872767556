import type { DataSource } from 'typeorm';

/**
 * "Waiting for funds": a requested grant whose approval today would be refused for lack of money.
 * A refused approval writes nothing (a 4xx never records an event), so this is not a status of the
 * grant but a reading, computed at query time from the read models: the subsidy the approval
 * would give — the rate of its participation year in the schedule in force on its request date,
 * times its eligible cost, rounded down, limited by what is left of the beneficiary's cap for the
 * window and year — against the fund's available balance (contributed − committed).
 *
 *   'waiting-for-funds'  that subsidy is more than the fund has available;
 *   'fundable'           the fund covers it;
 *   null                 not a requested grant, or the window would refuse it for another reason
 *                        (its cap for the year used up, no schedule in force, an ineligible year).
 *
 * What pending four-eyes proposals reserve is not subtracted (it is shown beside the balances, not
 * as one), nor is the as-of rule applied: it answers for an approval dated today.
 */
export type FundingStatus = 'waiting-for-funds' | 'fundable';

export const FUNDING_STATUSES: readonly FundingStatus[] = ['waiting-for-funds', 'fundable'];

/** One row per requested grant whose would-be subsidy can be computed: `would_be` and `available`, minor units. */
const WOULD_BE_SUBSIDY = `
  SELECT g.grant_id, w.would_be, f.contributed - f.committed AS available
    FROM cofinancing_grants g
    JOIN cofinancing_funds f ON f.fund_id = g.fund_id
    JOIN LATERAL (
      SELECT CASE
               WHEN g.participation_year <= jsonb_array_length(s.years) THEN s.years -> (g.participation_year - 1)
               WHEN s.after_last_year ->> 'rule' = 'floor-rate' THEN s.after_last_year
             END AS terms
        FROM cofinancing_window_schedules s
       WHERE s.window_id = g.window_id AND s.effective_from <= g.requested_on
       ORDER BY s.version DESC
       LIMIT 1
    ) t ON t.terms IS NOT NULL
    LEFT JOIN cofinancing_beneficiary_years y
      ON y.beneficiary_id = g.beneficiary_id AND y.window_id = g.window_id
     AND y.participation_year = g.participation_year
    CROSS JOIN LATERAL (
      SELECT LEAST(
               div(g.eligible_cost * (t.terms ->> 'rateBp')::numeric, 10000),
               (t.terms -> 'cap' ->> 'amountMinor')::numeric - COALESCE(y.subsidy - y.released, 0)
             ) AS would_be
    ) w
   WHERE g.status = 'requested' AND w.would_be > 0`;

/** A SQL condition on a grant id column: the grant is in that funding status. */
export function fundingStatusCondition(column: string, status: FundingStatus): string {
  const comparison = status === 'waiting-for-funds' ? '>' : '<=';
  return `${column} IN (SELECT x.grant_id FROM (${WOULD_BE_SUBSIDY}) x WHERE x.would_be ${comparison} x.available)`;
}

/** The funding status of each of these grants that has one. */
export async function fundingStatuses(
  data: DataSource,
  grantIds: readonly string[],
): Promise<Map<string, FundingStatus>> {
  if (grantIds.length === 0) return new Map();
  const rows: { grant_id: string; waiting: boolean }[] = await data.query(
    `SELECT x.grant_id, x.would_be > x.available AS waiting FROM (${WOULD_BE_SUBSIDY}) x
      WHERE x.grant_id = ANY($1::text[])`,
    [grantIds],
  );
  return new Map(rows.map((row) => [row.grant_id, row.waiting ? 'waiting-for-funds' : 'fundable']));
}
