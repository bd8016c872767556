import type { DataSource } from 'typeorm';
import { CofinancingReporting, type ApprovedGrantYearTotals } from '@ledger/cofinancing';
import { GuaranteesReporting } from '@ledger/guarantees';
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

/**
 * The monitoring figures of the seed's evaluation dimensions, from what each context reports of its
 * read models (SQL sums, numeric and exact) with bigint / Ratio arithmetic here: no float touches money.
 */
export class MonitoringReadModel {
  private readonly cofinancingFigures: CofinancingReporting;
  private readonly guaranteeFigures: GuaranteesReporting;

  constructor(
    data: DataSource,
    private readonly readModelsPosition: () => Promise<bigint>,
  ) {
    this.cofinancingFigures = new CofinancingReporting(data);
    this.guaranteeFigures = new GuaranteesReporting(data);
  }

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
    const exists =
      request.scope === 'fund'
        ? await this.cofinancingFigures.hasFund(request.id)
        : await this.guaranteeFigures.hasCompany(request.id);
    if (!exists) throw new MonitoringScopeNotFound(request.scope, request.id);
  }

  private async cofinancing(fundId: string | null, from: string | null, to: string | null) {
    const { totals, byParticipationYear, networksByKind, memberFirms } = await this.cofinancingFigures.approvedGrants({
      fundId,
      from,
      to,
    });
    return totals.map((total): CofinancingFigures => {
      const currency = total.currency;
      const { eligibleCost: eligible, subsidy, ownShare } = total;
      const reach = memberFirms.find((row) => row.currency === currency);
      const firmsReached = reach?.firms ?? 0;
      const years = byParticipationYear.filter((row) => row.currency === currency);
      const byYear = years.map((row): ParticipationYearFigures => {
        const rate = rateFigure(row.subsidy, row.eligibleCost);
        return {
          participationYear: row.participationYear,
          grantsApproved: row.grants,
          networks: row.networks,
          eligibleCost: money(row.eligibleCost, currency),
          subsidy: money(row.subsidy, currency),
          ownShare: money(row.ownShare, currency),
          effectiveRateBp: rate?.bp ?? null,
          effectiveRate: rate?.ratio ?? null,
        };
      });
      return {
        currency,
        funds: total.funds,
        grantsApproved: total.grants,
        networksReached: total.networks,
        networksReachedByKind: Object.fromEntries(
          networksByKind.filter((row) => row.currency === currency).map((row) => [row.kind, row.networks]),
        ),
        firmsReached,
        womenOwnedFirms: reach?.womenOwned ?? 0,
        womenOwnershipRecorded: reach?.recorded ?? 0,
        eligibleCost: money(eligible, currency),
        subsidy: money(subsidy, currency),
        ownShare: money(ownShare, currency),
        subsidyPerFirm: amountPerUnit(subsidy, BigInt(firmsReached), currency),
        subsidyPerNetwork: amountPerUnit(subsidy, BigInt(total.networks), currency),
        privateCofinancingPerUnitOfSubsidy: ratioFigure(ownShare, subsidy),
        effectiveRateByParticipationYear: byYear,
        effectiveRate: rateFigure(subsidy, eligible),
        effectiveRateFalls: falls(years),
      };
    });
  }

  private async guarantees(companyId: string | null, from: string | null, to: string | null) {
    const companies = await this.guaranteeFigures.companyTotals(companyId);
    const funds = await this.guaranteeFigures.guaranteeFund(companyId, to);
    const cohort = await this.guaranteeFigures.issuedGuarantees({ companyId, from, to });
    return companies.map((company): GuaranteeFigures => {
      const currency = company.currency;
      const row = cohort.find((candidate) => candidate.currency === currency);
      const fund = funds.find((candidate) => candidate.currency === currency)?.fund ?? 0n;
      const [principal, guaranteed, called] = [row?.principal ?? 0n, row?.guaranteed ?? 0n, row?.claimsCalled ?? 0n];
      const [paid, recovered] = [row?.claimsPaid ?? 0n, row?.recoveries ?? 0n];
      return {
        currency,
        companies: company.companies,
        members: company.members,
        membersReached: row?.membersReached ?? 0,
        womenOwnedMembers: null,
        guaranteesIssued: row?.issued ?? 0,
        creditMobilised: money(principal, currency),
        guaranteedAmount: money(guaranteed, currency),
        guaranteeFund: money(fund, currency),
        guaranteeFundBalance: money(company.fundBalance, currency),
        creditPerUnitOfGuaranteeFund: ratioFigure(principal, fund),
        calls: row?.calls ?? 0,
        claimsCalled: money(called, currency),
        claimsPaid: money(paid, currency),
        recoveries: money(recovered, currency),
        callRate: rateFigure(called, guaranteed),
        callRateByCount: rateFigure(BigInt(row?.calls ?? 0), BigInt(row?.issued ?? 0)),
        recoveryRate: rateFigure(recovered, paid),
      };
    });
  }
}

/** Whether Σ subsidy ÷ Σ eligible cost falls strictly from each participation year to the next (exact comparison). */
function falls(years: readonly ApprovedGrantYearTotals[]): boolean | null {
  const rates = years
    .filter((row) => row.eligibleCost > 0n)
    .map((row) => ({ subsidy: row.subsidy, eligible: row.eligibleCost }));
  if (rates.length < 2) return null;
  return rates.every(
    (rate, index) => index === 0 || rate.subsidy * rates[index - 1].eligible < rates[index - 1].subsidy * rate.eligible,
  );
}
