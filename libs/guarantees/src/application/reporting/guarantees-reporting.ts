import type { DataSource } from 'typeorm';
import { keysetRows, type SqlRow } from '@ledger/database';
import type { CurrencyCode } from '@ledger/money';

const big = (value: unknown): bigint => BigInt(String(value ?? '0'));
const int = (value: unknown): number => Number(value ?? 0);
const text = (value: unknown): string => String(value);

/** The companies of one currency (of one company, or all). */
export interface CompanyTotals {
  readonly currency: CurrencyCode;
  readonly companies: number;
  readonly members: number;
  readonly fundBalance: bigint;
}

/** Guarantee fund deposited (net of withdrawals) up to a date, per currency. */
export interface GuaranteeFundTotals {
  readonly currency: CurrencyCode;
  readonly fund: bigint;
}

/** Which issued guarantees a figure counts: of one company (or all), issued within [from, to]. */
export interface IssuedGuaranteesScope {
  readonly companyId: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

/** The guarantees issued in a scope, of one currency; calls counted up to the end of the scope. */
export interface IssuedGuaranteeTotals {
  readonly currency: CurrencyCode;
  readonly issued: number;
  readonly membersReached: number;
  readonly principal: bigint;
  readonly guaranteed: bigint;
  readonly calls: number;
  readonly claimsCalled: bigint;
  readonly claimsPaid: bigint;
  readonly recoveries: bigint;
}

/** Balances every level (company, convention, guarantee) has. */
export interface GuaranteedBalances {
  readonly creditMobilised: bigint;
  readonly outstandingPrincipal: bigint;
  readonly guaranteedOutstanding: bigint;
  readonly claimsCalled: bigint;
  readonly claimsPaid: bigint;
  readonly recoveries: bigint;
}

export interface CompanyBalancesRow extends GuaranteedBalances {
  readonly companyId: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly capitalSubscribed: bigint;
  readonly capitalPaid: bigint;
  readonly fundDeposited: bigint;
  readonly fundWithdrawn: bigint;
  readonly fundBalance: bigint;
}

export interface ConventionBalancesRow extends GuaranteedBalances {
  readonly companyId: string;
  readonly conventionId: string;
  readonly bankId: string;
  readonly status: string;
  readonly currency: CurrencyCode;
  readonly fundBalance: bigint;
  readonly capacity: bigint;
  readonly outstanding: bigint;
  readonly headroom: bigint;
}

export interface GuaranteeBalancesRow {
  readonly guaranteeId: string;
  readonly companyId: string;
  readonly conventionId: string;
  readonly bankId: string;
  readonly memberId: string;
  readonly loanReference: string;
  readonly status: string;
  readonly currency: CurrencyCode;
  readonly principal: bigint;
  readonly guaranteedAmount: bigint;
  readonly outstandingPrincipal: bigint;
  readonly guaranteedOutstanding: bigint;
  readonly claimAmount: bigint;
  readonly claimPaid: bigint;
  readonly recovered: bigint;
}

/** Guarantees issued in the period by the companies of the scope: $1 company id, $2 from, $3 to. */
const ISSUED_GUARANTEES = `
  SELECT g.* FROM guarantees g
   WHERE ($1::text IS NULL OR g.company_id = $1)
     AND ($2::text IS NULL OR g.issued_on >= $2)
     AND ($3::text IS NULL OR g.issued_on <= $3)`;

const guaranteedBalances = (row: SqlRow): GuaranteedBalances => ({
  creditMobilised: big(row.credit_mobilised),
  outstandingPrincipal: big(row.outstanding_principal),
  guaranteedOutstanding: big(row.guaranteed_outstanding),
  claimsCalled: big(row.claims_called),
  claimsPaid: big(row.claims_paid),
  recoveries: big(row.recoveries),
});

/**
 * What the guarantees context tells other contexts (the audit's monitoring report and balance
 * exports) about its live read models: figures and balances as typed values, so that no other
 * context reads these tables by name. Sums are SQL numeric (exact), answered as bigint.
 */
export class GuaranteesReporting {
  constructor(private readonly data: DataSource) {}

  async hasCompany(companyId: string): Promise<boolean> {
    const rows: SqlRow[] = await this.data.query('SELECT 1 FROM guarantee_companies WHERE company_id = $1', [
      companyId,
    ]);
    return rows.length > 0;
  }

  /** One entry per currency, in currency order. */
  async companyTotals(companyId: string | null): Promise<CompanyTotals[]> {
    const rows: SqlRow[] = await this.data.query(
      `SELECT c.currency, count(*)::int AS companies, coalesce(sum(c.members_total), 0)::int AS members,
              coalesce(sum(c.fund_balance), 0)::text AS fund_balance
         FROM guarantee_companies c WHERE ($1::text IS NULL OR c.company_id = $1)
        GROUP BY c.currency ORDER BY c.currency`,
      [companyId],
    );
    return rows.map((row) => ({
      currency: row.currency as CurrencyCode,
      companies: int(row.companies),
      members: int(row.members),
      fundBalance: big(row.fund_balance),
    }));
  }

  /** The guarantee fund deposited (net of what was withdrawn from each deposit) up to `upTo` (or ever). */
  async guaranteeFund(companyId: string | null, upTo: string | null): Promise<GuaranteeFundTotals[]> {
    const rows: SqlRow[] = await this.data.query(
      `SELECT d.currency, coalesce(sum(d.amount - d.withdrawn), 0)::text AS fund
         FROM guarantee_fund_deposits d
        WHERE ($1::text IS NULL OR d.company_id = $1) AND ($2::text IS NULL OR d.deposited_on <= $2)
        GROUP BY d.currency`,
      [companyId, upTo],
    );
    return rows.map((row) => ({ currency: row.currency as CurrencyCode, fund: big(row.fund) }));
  }

  async issuedGuarantees(scope: IssuedGuaranteesScope): Promise<IssuedGuaranteeTotals[]> {
    const rows: SqlRow[] = await this.data.query(
      `SELECT g.currency, count(*)::int AS issued,
              count(DISTINCT (g.company_id, g.member_id))::int AS members_reached,
              coalesce(sum(g.principal), 0)::text AS principal,
              coalesce(sum(g.guaranteed_amount), 0)::text AS guaranteed,
              count(*) FILTER (WHERE g.called_on IS NOT NULL AND ($3::text IS NULL OR g.called_on <= $3))::int AS calls,
              coalesce(sum(g.claim_amount) FILTER (WHERE g.called_on IS NOT NULL AND ($3::text IS NULL OR g.called_on <= $3)), 0)::text
                AS claims_called,
              coalesce(sum(g.claim_paid), 0)::text AS claims_paid, coalesce(sum(g.recovered), 0)::text AS recoveries
         FROM (${ISSUED_GUARANTEES}) g GROUP BY g.currency`,
      [scope.companyId, scope.from, scope.to],
    );
    return rows.map((row) => ({
      currency: row.currency as CurrencyCode,
      issued: int(row.issued),
      membersReached: int(row.members_reached),
      principal: big(row.principal),
      guaranteed: big(row.guaranteed),
      calls: int(row.calls),
      claimsCalled: big(row.claims_called),
      claimsPaid: big(row.claims_paid),
      recoveries: big(row.recoveries),
    }));
  }

  /** Every company, in company id order, one page in memory at a time. */
  async *companies(pageSize?: number): AsyncGenerator<CompanyBalancesRow> {
    for await (const row of keysetRows(this.data, { table: 'guarantee_companies', keys: ['company_id'] }, pageSize)) {
      yield {
        companyId: text(row.company_id),
        name: text(row.name),
        currency: row.currency as CurrencyCode,
        capitalSubscribed: big(row.capital_subscribed),
        capitalPaid: big(row.capital_paid),
        fundDeposited: big(row.fund_deposited),
        fundWithdrawn: big(row.fund_withdrawn),
        fundBalance: big(row.fund_balance),
        ...guaranteedBalances(row),
      };
    }
  }

  /** Every bank convention, in convention id order. */
  async *conventions(pageSize?: number): AsyncGenerator<ConventionBalancesRow> {
    const query = { table: 'guarantee_conventions', keys: ['convention_id'] };
    for await (const row of keysetRows(this.data, query, pageSize)) {
      yield {
        companyId: text(row.company_id),
        conventionId: text(row.convention_id),
        bankId: text(row.bank_id),
        status: text(row.status),
        currency: row.currency as CurrencyCode,
        fundBalance: big(row.fund_balance),
        capacity: big(row.capacity),
        outstanding: big(row.outstanding),
        headroom: big(row.headroom),
        ...guaranteedBalances(row),
      };
    }
  }

  /** Every guarantee, in guarantee id order. */
  async *guarantees(pageSize?: number): AsyncGenerator<GuaranteeBalancesRow> {
    for await (const row of keysetRows(this.data, { table: 'guarantees', keys: ['guarantee_id'] }, pageSize)) {
      yield {
        guaranteeId: text(row.guarantee_id),
        companyId: text(row.company_id),
        conventionId: text(row.convention_id),
        bankId: text(row.bank_id),
        memberId: text(row.member_id),
        loanReference: text(row.loan_reference),
        status: text(row.status),
        currency: row.currency as CurrencyCode,
        principal: big(row.principal),
        guaranteedAmount: big(row.guaranteed_amount),
        outstandingPrincipal: big(row.outstanding_principal),
        guaranteedOutstanding: big(row.guaranteed_outstanding),
        claimAmount: big(row.claim_amount),
        claimPaid: big(row.claim_paid),
        recovered: big(row.recovered),
      };
    }
  }
}
