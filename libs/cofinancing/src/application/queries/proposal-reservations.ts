import type { DataSource } from 'typeorm';

/**
 * What pending four-eyes proposals reserve, summed from the `cofinancing.proposals` read model.
 * Shown beside the balances, never subtracted from them: a reservation is not a balance.
 */

/** Pending approval reservations on funds (all funds, or one), in minor units by fund id. */
export async function reservedByFund(data: DataSource, fundId: string | null = null): Promise<Map<string, string>> {
  const rows: { fund_id: string; reserved: string }[] = await data.query(
    `SELECT fund_id, SUM(amount)::text AS reserved FROM cofinancing_proposals
      WHERE status = 'pending' AND action = 'approve-grant' AND ($1::text IS NULL OR fund_id = $1)
      GROUP BY fund_id`,
    [fundId],
  );
  return new Map(rows.map((row) => [row.fund_id, row.reserved]));
}

/** Pending disbursement and correction reservations on one grant's commitment, in minor units. */
export async function reservedOnGrant(data: DataSource, grantId: string): Promise<string> {
  const rows: { reserved: string | null }[] = await data.query(
    `SELECT SUM(amount)::text AS reserved FROM cofinancing_proposals
      WHERE grant_id = $1 AND status = 'pending' AND action IN ('disburse-grant', 'reverse-disbursement')`,
    [grantId],
  );
  return rows[0]?.reserved ?? '0';
}
