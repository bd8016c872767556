import type { DataSource } from 'typeorm';

/**
 * What pending four-eyes proposals reserve, summed from the `ledger_proposals` read model (the
 * co-financing ones). Shown beside the balances, never subtracted from them: a reservation is not
 * a balance.
 */

/** Pending approval reservations on funds (all funds, or one), in minor units by fund id. */
export async function reservedByFund(data: DataSource, fundId: string | null = null): Promise<Map<string, string>> {
  const rows: { fund_id: string; reserved: string }[] = await data.query(
    `SELECT subjects->>'fundId' AS fund_id, SUM(reserved)::text AS reserved FROM ledger_proposals
      WHERE context = 'cofinancing' AND status = 'pending' AND action = 'approve-grant'
        AND ($1::jsonb IS NULL OR subjects @> $1::jsonb)
      GROUP BY 1`,
    [fundId === null ? null : JSON.stringify({ fundId })],
  );
  return new Map(rows.map((row) => [row.fund_id, row.reserved]));
}

/** Pending disbursement and correction reservations on one grant's commitment, in minor units. */
export async function reservedOnGrant(data: DataSource, grantId: string): Promise<string> {
  const rows: { reserved: string | null }[] = await data.query(
    `SELECT SUM(reserved)::text AS reserved FROM ledger_proposals
      WHERE context = 'cofinancing' AND subjects @> $1::jsonb AND status = 'pending'
        AND action IN ('disburse-grant', 'reverse-disbursement')`,
    [JSON.stringify({ grantId })],
  );
  return rows[0]?.reserved ?? '0';
}
