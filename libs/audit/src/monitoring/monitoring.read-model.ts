import type { DataSource } from 'typeorm';
import type { CurrencyCode } from '@ledger/money';
import { amountPerUnit, money, rateFigure, ratioFigure } from './figures';
import {
  MONITORING_DEFINITIONS,
  type CofinancingFigures,
  type GuaranteeFigures,
  type MonitoringReport,
  type MonitoringRequest,
  type ParticipationYearFigures,
} from './monitoring-report';
import { MonitoringScopeNotFound } from './monitoring-scope-not-found.error';

type Row = Record<string, string | number | null>;

const big = (value: unknown): bigint => BigInt(String(value ?? '0'));
const int = (value: unknown): number => Number(value ?? 0);

/**
 * Grants that count: approved (or approved then closed) — not requested, rejected, or cancelled —
 * in the fund of the scope, approved within the period. Parameters: $1 fund id, $2 from, $3 to.
 */
const GRANTS = `
  SELECT g.* FROM cofinancing_grants g
   WHERE g.status IN ('approved', 'closed')
     AND ($1::text IS NULL OR g.fund_id = $1)
     AND ($2::text IS NULL OR g.approved_on >= $2)
     AND ($3::text IS NULL OR g.approved_on <= $3)`;

/** Guarantees issued in the period by the companies of the scope: $1 company id, $2 from, $3 to. */
const GUARANTEES = `
  SELECT g.* FROM guarantees g
   WHERE ($1::text IS NULL OR g.company_id = $1)
     AND ($2::text IS NULL OR g.issued_on >= $2)
     AND ($3::text IS NULL OR g.issued_on <= $3)`;

/**
 * The monitoring figures of the seed's evaluation dimensions, computed from the read models with
 * SQL sums (numeric, exact) and bigint / Ratio arithmetic in TypeScript: no float touches money.
 */
export class MonitoringReadModel {
  constructor(
    private readonly data: DataSource,
    private readonly readModelsPosition: () => Promise<bigint>,
  ) {}

  async report(request: MonitoringRequest): Promise<MonitoringReport> {
    const position = await this.readModelsPosition();
    await this.checkScope(request);
    const fundId = request.scope === 'fund' ? request.id : null;
    const companyId = request.scope === 'company' ? request.id : null;
    return {
      ...request,
      readModelsPosition: position.toString(),
      cofinancing: request.scope === 'company' ? [] : await this.cofinancing(fundId, request.from, request.to),
      guarantees: request.scope === 'fund' ? [] : await this.guarantees(companyId, request.from, request.to),
      definitions: MONITORING_DEFINITIONS,
    };
  }

  private async checkScope(request: MonitoringRequest): Promise<void> {
    if (request.scope === 'programme' || request.id === null) return;
    const [table, column] =
      request.scope === 'fund' ? ['cofinancing_funds', 'fund_id'] : ['guarantee_companies', 'company_id'];
    const rows: Row[] = await this.data.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [request.id]);
    if (rows.length === 0) throw new MonitoringScopeNotFound(request.scope, request.id);
  }

  private async cofinancing(fundId: string | null, from: string | null, to: string | null) {
    const params = [fundId, from, to];
    const totals: Row[] = await this.data.query(
      `SELECT g.currency, count(*)::int AS grants, count(DISTINCT g.fund_id)::int AS funds,
              count(DISTINCT g.beneficiary_id)::int AS networks,
              coalesce(sum(g.eligible_cost), 0)::text AS eligible_cost, coalesce(sum(g.subsidy), 0)::text AS subsidy,
              coalesce(sum(g.own_share), 0)::text AS own_share
         FROM (${GRANTS}) g GROUP BY g.currency ORDER BY g.currency`,
      params,
    );
    const years: Row[] = await this.data.query(
      `SELECT g.currency, g.participation_year, count(*)::int AS grants,
              count(DISTINCT g.beneficiary_id)::int AS networks,
              sum(g.eligible_cost)::text AS eligible_cost, sum(g.subsidy)::text AS subsidy,
              sum(g.own_share)::text AS own_share
         FROM (${GRANTS}) g GROUP BY g.currency, g.participation_year ORDER BY g.currency, g.participation_year`,
      params,
    );
    const kinds: Row[] = await this.data.query(
      `SELECT r.currency, b.kind, count(*)::int AS networks
         FROM (SELECT DISTINCT g.currency, g.beneficiary_id FROM (${GRANTS}) g) r
         JOIN cofinancing_beneficiaries b ON b.beneficiary_id = r.beneficiary_id
        GROUP BY r.currency, b.kind ORDER BY r.currency, b.kind`,
      params,
    );
    const firms: Row[] = await this.data.query(
      `SELECT r.currency, count(f.firm_id)::int AS firms,
              count(f.firm_id) FILTER (WHERE f.women_owned)::int AS women_owned,
              count(f.firm_id) FILTER (WHERE f.women_owned IS NOT NULL)::int AS recorded
         FROM (SELECT DISTINCT g.currency, g.beneficiary_id FROM (${GRANTS}) g) r
         JOIN cofinancing_member_firms f ON f.beneficiary_id = r.beneficiary_id
        WHERE ($3::text IS NULL OR f.joined_on <= $3)
        GROUP BY r.currency`,
      params,
    );
    return totals.map((total): CofinancingFigures => {
      const currency = total.currency as CurrencyCode;
      const [eligible, subsidy, ownShare] = [big(total.eligible_cost), big(total.subsidy), big(total.own_share)];
      const reach = firms.find((row) => row.currency === currency);
      const firmsReached = int(reach?.firms);
      const byYear = years
        .filter((row) => row.currency === currency)
        .map((row): ParticipationYearFigures => {
          const rate = rateFigure(big(row.subsidy), big(row.eligible_cost));
          return {
            participationYear: int(row.participation_year),
            grantsApproved: int(row.grants),
            networks: int(row.networks),
            eligibleCost: money(big(row.eligible_cost), currency),
            subsidy: money(big(row.subsidy), currency),
            ownShare: money(big(row.own_share), currency),
            effectiveRateBp: rate?.bp ?? null,
            effectiveRate: rate?.ratio ?? null,
          };
        });
      return {
        currency,
        funds: int(total.funds),
        grantsApproved: int(total.grants),
        networksReached: int(total.networks),
        networksReachedByKind: Object.fromEntries(
          kinds.filter((row) => row.currency === currency).map((row) => [String(row.kind), int(row.networks)]),
        ),
        firmsReached,
        womenOwnedFirms: int(reach?.women_owned),
        womenOwnershipRecorded: int(reach?.recorded),
        eligibleCost: money(eligible, currency),
        subsidy: money(subsidy, currency),
        ownShare: money(ownShare, currency),
        subsidyPerFirm: amountPerUnit(subsidy, BigInt(firmsReached), currency),
        subsidyPerNetwork: amountPerUnit(subsidy, BigInt(int(total.networks)), currency),
        privateCofinancingPerUnitOfSubsidy: ratioFigure(ownShare, subsidy),
        effectiveRateByParticipationYear: byYear,
        effectiveRate: rateFigure(subsidy, eligible),
        effectiveRateFalls: falls(years.filter((row) => row.currency === currency)),
      };
    });
  }

  private async guarantees(companyId: string | null, from: string | null, to: string | null) {
    const companies: Row[] = await this.data.query(
      `SELECT c.currency, count(*)::int AS companies, coalesce(sum(c.members_total), 0)::int AS members,
              coalesce(sum(c.fund_balance), 0)::text AS fund_balance
         FROM guarantee_companies c WHERE ($1::text IS NULL OR c.company_id = $1)
        GROUP BY c.currency ORDER BY c.currency`,
      [companyId],
    );
    const funds: Row[] = await this.data.query(
      `SELECT d.currency, coalesce(sum(d.amount - d.withdrawn), 0)::text AS fund
         FROM guarantee_fund_deposits d
        WHERE ($1::text IS NULL OR d.company_id = $1) AND ($2::text IS NULL OR d.deposited_on <= $2)
        GROUP BY d.currency`,
      [companyId, to],
    );
    const cohort: Row[] = await this.data.query(
      `SELECT g.currency, count(*)::int AS issued,
              count(DISTINCT (g.company_id, g.member_id))::int AS members_reached,
              coalesce(sum(g.principal), 0)::text AS principal,
              coalesce(sum(g.guaranteed_amount), 0)::text AS guaranteed,
              count(*) FILTER (WHERE g.called_on IS NOT NULL AND ($3::text IS NULL OR g.called_on <= $3))::int AS calls,
              coalesce(sum(g.claim_amount) FILTER (WHERE g.called_on IS NOT NULL AND ($3::text IS NULL OR g.called_on <= $3)), 0)::text
                AS claims_called,
              coalesce(sum(g.claim_paid), 0)::text AS claims_paid, coalesce(sum(g.recovered), 0)::text AS recoveries
         FROM (${GUARANTEES}) g GROUP BY g.currency`,
      [companyId, from, to],
    );
    return companies.map((company): GuaranteeFigures => {
      const currency = company.currency as CurrencyCode;
      const row = cohort.find((candidate) => candidate.currency === currency);
      const fund = big(funds.find((candidate) => candidate.currency === currency)?.fund);
      const [principal, guaranteed, called] = [big(row?.principal), big(row?.guaranteed), big(row?.claims_called)];
      const [paid, recovered] = [big(row?.claims_paid), big(row?.recoveries)];
      return {
        currency,
        companies: int(company.companies),
        members: int(company.members),
        membersReached: int(row?.members_reached),
        womenOwnedMembers: null,
        guaranteesIssued: int(row?.issued),
        creditMobilised: money(principal, currency),
        guaranteedAmount: money(guaranteed, currency),
        guaranteeFund: money(fund, currency),
        guaranteeFundBalance: money(big(company.fund_balance), currency),
        creditPerUnitOfGuaranteeFund: ratioFigure(principal, fund),
        calls: int(row?.calls),
        claimsCalled: money(called, currency),
        claimsPaid: money(paid, currency),
        recoveries: money(recovered, currency),
        callRate: rateFigure(called, guaranteed),
        callRateByCount: rateFigure(BigInt(int(row?.calls)), BigInt(int(row?.issued))),
        recoveryRate: rateFigure(recovered, paid),
      };
    });
  }
}

/** Whether Σ subsidy ÷ Σ eligible cost falls strictly from each participation year to the next (exact comparison). */
function falls(years: readonly Row[]): boolean | null {
  const rates = years
    .filter((row) => big(row.eligible_cost) > 0n)
    .map((row) => ({ subsidy: big(row.subsidy), eligible: big(row.eligible_cost) }));
  if (rates.length < 2) return null;
  return rates.every(
    (rate, index) => index === 0 || rate.subsidy * rates[index - 1].eligible < rates[index - 1].subsidy * rate.eligible,
  );
}
