import type { DataSource } from 'typeorm';
import { keysetRows, type SqlRow } from '@ledger/database';
import type { CurrencyCode } from '@ledger/money';

const big = (value: unknown): bigint => BigInt(String(value ?? '0'));
const int = (value: unknown): number => Number(value ?? 0);
const text = (value: unknown): string => String(value);

/** Which approved grants a figure counts: of one fund (or all), approved within [from, to] (either end open). */
export interface ApprovedGrantsScope {
  readonly fundId: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

/** Approved grants (approved, or approved then closed) of one currency. */
export interface ApprovedGrantTotals {
  readonly currency: CurrencyCode;
  readonly grants: number;
  readonly funds: number;
  /** Distinct beneficiaries (networks, clusters, consortia). */
  readonly networks: number;
  readonly eligibleCost: bigint;
  readonly subsidy: bigint;
  readonly ownShare: bigint;
}

export interface ApprovedGrantYearTotals extends Omit<ApprovedGrantTotals, 'funds'> {
  readonly participationYear: number;
}

export interface NetworksOfKind {
  readonly currency: CurrencyCode;
  readonly kind: string;
  readonly networks: number;
}

/** The member firms of the beneficiaries reached, joined by the end of the scope. */
export interface MemberFirmsReached {
  readonly currency: CurrencyCode;
  readonly firms: number;
  readonly womenOwned: number;
  /** Firms whose women-ownership is recorded (true or false). */
  readonly recorded: number;
}

/** What the co-financing read models say about the grants approved in a scope. */
export interface ApprovedGrantFigures {
  /** One entry per currency, in currency order. */
  readonly totals: readonly ApprovedGrantTotals[];
  /** One entry per currency and participation year, in that order. */
  readonly byParticipationYear: readonly ApprovedGrantYearTotals[];
  readonly networksByKind: readonly NetworksOfKind[];
  readonly memberFirms: readonly MemberFirmsReached[];
}

export interface FundBalancesRow {
  readonly fundId: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly contributed: bigint;
  readonly committed: bigint;
  readonly disbursed: bigint;
  /** Commitments released at closure or cancellation. */
  readonly released: bigint;
}

export interface WindowBalancesRow {
  readonly fundId: string;
  readonly windowId: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly committed: bigint;
  readonly disbursed: bigint;
  readonly released: bigint;
}

export interface DonorBalancesRow {
  readonly fundId: string;
  readonly donorId: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly contributed: bigint;
}

export interface BeneficiaryYearBalancesRow {
  readonly fundId: string;
  readonly windowId: string;
  readonly beneficiaryId: string;
  readonly participationYear: number;
  /** The beneficiary's name; null if the beneficiary row is missing. */
  readonly name: string | null;
  readonly currency: CurrencyCode;
  readonly eligibleCost: bigint;
  readonly subsidy: bigint;
  readonly ownShare: bigint;
  readonly invoiced: bigint;
  readonly disbursed: bigint;
  readonly released: bigint;
}

/**
 * Grants that count: approved (or approved then closed) — not requested, rejected, or cancelled —
 * in the fund of the scope, approved within the period. Parameters: $1 fund id, $2 from, $3 to.
 */
const APPROVED_GRANTS = `
  SELECT g.* FROM cofinancing_grants g
   WHERE g.status IN ('approved', 'closed')
     AND ($1::text IS NULL OR g.fund_id = $1)
     AND ($2::text IS NULL OR g.approved_on >= $2)
     AND ($3::text IS NULL OR g.approved_on <= $3)`;

/**
 * What the co-financing context tells other contexts (the audit's monitoring report and balance
 * exports) about its live read models: figures and balances as typed values, so that no other
 * context reads these tables by name. Sums are SQL numeric (exact), answered as bigint.
 */
export class CofinancingReporting {
  constructor(private readonly data: DataSource) {}

  async hasFund(fundId: string): Promise<boolean> {
    const rows: SqlRow[] = await this.data.query('SELECT 1 FROM cofinancing_funds WHERE fund_id = $1', [fundId]);
    return rows.length > 0;
  }

  async approvedGrants(scope: ApprovedGrantsScope): Promise<ApprovedGrantFigures> {
    const params = [scope.fundId, scope.from, scope.to];
    const totals: SqlRow[] = await this.data.query(
      `SELECT g.currency, count(*)::int AS grants, count(DISTINCT g.fund_id)::int AS funds,
              count(DISTINCT g.beneficiary_id)::int AS networks,
              coalesce(sum(g.eligible_cost), 0)::text AS eligible_cost, coalesce(sum(g.subsidy), 0)::text AS subsidy,
              coalesce(sum(g.own_share), 0)::text AS own_share
         FROM (${APPROVED_GRANTS}) g GROUP BY g.currency ORDER BY g.currency`,
      params,
    );
    const years: SqlRow[] = await this.data.query(
      `SELECT g.currency, g.participation_year, count(*)::int AS grants,
              count(DISTINCT g.beneficiary_id)::int AS networks,
              sum(g.eligible_cost)::text AS eligible_cost, sum(g.subsidy)::text AS subsidy,
              sum(g.own_share)::text AS own_share
         FROM (${APPROVED_GRANTS}) g GROUP BY g.currency, g.participation_year ORDER BY g.currency, g.participation_year`,
      params,
    );
    const kinds: SqlRow[] = await this.data.query(
      `SELECT r.currency, b.kind, count(*)::int AS networks
         FROM (SELECT DISTINCT g.currency, g.beneficiary_id FROM (${APPROVED_GRANTS}) g) r
         JOIN cofinancing_beneficiaries b ON b.beneficiary_id = r.beneficiary_id
        GROUP BY r.currency, b.kind ORDER BY r.currency, b.kind`,
      params,
    );
    const firms: SqlRow[] = await this.data.query(
      `SELECT r.currency, count(f.firm_id)::int AS firms,
              count(f.firm_id) FILTER (WHERE f.women_owned)::int AS women_owned,
              count(f.firm_id) FILTER (WHERE f.women_owned IS NOT NULL)::int AS recorded
         FROM (SELECT DISTINCT g.currency, g.beneficiary_id FROM (${APPROVED_GRANTS}) g) r
         JOIN cofinancing_member_firms f ON f.beneficiary_id = r.beneficiary_id
        WHERE ($3::text IS NULL OR f.joined_on <= $3)
        GROUP BY r.currency`,
      params,
    );
    return {
      totals: totals.map((row) => ({
        currency: row.currency as CurrencyCode,
        grants: int(row.grants),
        funds: int(row.funds),
        networks: int(row.networks),
        eligibleCost: big(row.eligible_cost),
        subsidy: big(row.subsidy),
        ownShare: big(row.own_share),
      })),
      byParticipationYear: years.map((row) => ({
        currency: row.currency as CurrencyCode,
        participationYear: int(row.participation_year),
        grants: int(row.grants),
        networks: int(row.networks),
        eligibleCost: big(row.eligible_cost),
        subsidy: big(row.subsidy),
        ownShare: big(row.own_share),
      })),
      networksByKind: kinds.map((row) => ({
        currency: row.currency as CurrencyCode,
        kind: text(row.kind),
        networks: int(row.networks),
      })),
      memberFirms: firms.map((row) => ({
        currency: row.currency as CurrencyCode,
        firms: int(row.firms),
        womenOwned: int(row.women_owned),
        recorded: int(row.recorded),
      })),
    };
  }

  /** Every fund, in fund id order, one page in memory at a time. */
  async *funds(pageSize?: number): AsyncGenerator<FundBalancesRow> {
    for await (const row of keysetRows(this.data, { table: 'cofinancing_funds', keys: ['fund_id'] }, pageSize)) {
      yield {
        fundId: text(row.fund_id),
        name: text(row.name),
        currency: row.currency as CurrencyCode,
        contributed: big(row.contributed),
        committed: big(row.committed),
        disbursed: big(row.disbursed),
        released: big(row.released),
      };
    }
  }

  /** Every window, in window id order, or grouped by fund (fund id, then window id). */
  async *windows(options: { byFund?: boolean; pageSize?: number } = {}): AsyncGenerator<WindowBalancesRow> {
    const keys = options.byFund ? ['fund_id', 'window_id'] : ['window_id'];
    for await (const row of keysetRows(this.data, { table: 'cofinancing_windows', keys }, options.pageSize)) {
      yield {
        fundId: text(row.fund_id),
        windowId: text(row.window_id),
        name: text(row.name),
        currency: row.currency as CurrencyCode,
        committed: big(row.committed),
        disbursed: big(row.disbursed),
        released: big(row.released),
      };
    }
  }

  /** Every donor, grouped by fund (fund id, then donor id). */
  async *donors(pageSize?: number): AsyncGenerator<DonorBalancesRow> {
    const query = { table: 'cofinancing_donors', keys: ['fund_id', 'donor_id'] };
    for await (const row of keysetRows(this.data, query, pageSize)) {
      yield {
        fundId: text(row.fund_id),
        donorId: text(row.donor_id),
        name: text(row.name),
        currency: row.currency as CurrencyCode,
        contributed: big(row.contributed),
      };
    }
  }

  /** Every beneficiary × window × participation year charged so far, grouped by beneficiary. */
  async *beneficiaryYears(pageSize?: number): AsyncGenerator<BeneficiaryYearBalancesRow> {
    const query = {
      table: 'cofinancing_beneficiary_years',
      keys: ['beneficiary_id', 'window_id', 'participation_year'],
      select: 't.*, b.name',
      from: 'cofinancing_beneficiary_years t LEFT JOIN cofinancing_beneficiaries b ON b.beneficiary_id = t.beneficiary_id',
    };
    for await (const row of keysetRows(this.data, query, pageSize)) {
      yield {
        fundId: text(row.fund_id),
        windowId: text(row.window_id),
        beneficiaryId: text(row.beneficiary_id),
        participationYear: Number(row.participation_year),
        name: row.name === null ? null : text(row.name),
        currency: row.currency as CurrencyCode,
        eligibleCost: big(row.eligible_cost),
        subsidy: big(row.subsidy),
        ownShare: big(row.own_share),
        invoiced: big(row.invoiced),
        disbursed: big(row.disbursed),
        released: big(row.released),
      };
    }
  }
}
