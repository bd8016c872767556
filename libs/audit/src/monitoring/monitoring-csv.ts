import { currencyOf, majorString, type MoneyJson } from '@ledger/money';
import { csvDecimal, csvDecimalOrNull, csvWriter, type CsvDialect, type CsvValue } from '../exports/csv';
import type { AmountPerUnit, RateFigure, RatioFigure } from './figures';
import type { MonitoringReport } from './monitoring-report';

export const MONITORING_CSV_COLUMNS = [
  'scope',
  'scope_id',
  'from',
  'to',
  'instrument',
  'currency',
  'participation_year',
  'dimension',
  'indicator',
  'value',
  'unit',
  'exact',
  'read_models_position',
] as const;

type Dimension = 'extension' | 'efficiency' | 'effectiveness' | 'durability' | 'volume';

interface Line {
  readonly instrument: 'cofinancing' | 'guarantees';
  readonly currency: string;
  readonly year?: number;
  readonly dimension: Dimension;
  readonly indicator: string;
  readonly value: CsvValue;
  readonly unit: string;
  readonly exact?: string | null;
}

const major = (amount: MoneyJson) => csvDecimal(majorString(BigInt(amount.amountMinor), currencyOf(amount.currency)));

/**
 * The report as a long table a spreadsheet filters and pivots: one row per indicator (per
 * participation year for the effective rate). Amounts in major units with the currency in its
 * column (`unit` = amount), counts, rates in basis points with the exact ratio beside them, and
 * ratios as a decimal truncated to four places with the exact ratio. Amounts and ratios take the
 * dialect's decimal mark (rfc4180 by default, excel-fr: see `csv.ts`).
 */
export function monitoringCsv(report: MonitoringReport, dialect: CsvDialect = 'rfc4180'): string {
  const csv = csvWriter(dialect);
  const lines: Line[] = [];
  for (const figures of report.cofinancing) {
    const at = { instrument: 'cofinancing' as const, currency: figures.currency };
    lines.push(
      { ...at, dimension: 'extension', indicator: 'networks_reached', value: figures.networksReached, unit: 'count' },
      ...Object.entries(figures.networksReachedByKind).map(([kind, count]): Line => ({
        ...at,
        dimension: 'extension',
        indicator: `networks_reached.${kind}`,
        value: count,
        unit: 'count',
      })),
      { ...at, dimension: 'extension', indicator: 'firms_reached', value: figures.firmsReached, unit: 'count' },
      { ...at, dimension: 'extension', indicator: 'women_owned_firms', value: figures.womenOwnedFirms, unit: 'count' },
      {
        ...at,
        dimension: 'extension',
        indicator: 'women_ownership_recorded',
        value: figures.womenOwnershipRecorded,
        unit: 'count',
      },
      { ...at, dimension: 'volume', indicator: 'grants_approved', value: figures.grantsApproved, unit: 'count' },
      amountLine(at, 'volume', 'eligible_cost', figures.eligibleCost),
      amountLine(at, 'volume', 'subsidy', figures.subsidy),
      amountLine(at, 'volume', 'own_share', figures.ownShare),
      perUnitLine(at, 'efficiency', 'subsidy_per_firm', figures.subsidyPerFirm),
      perUnitLine(at, 'efficiency', 'subsidy_per_network', figures.subsidyPerNetwork),
      ratioLine(
        at,
        'efficiency',
        'private_cofinancing_per_unit_of_subsidy',
        figures.privateCofinancingPerUnitOfSubsidy,
      ),
      rateLine(at, 'durability', 'effective_rate', figures.effectiveRate),
      {
        ...at,
        dimension: 'durability',
        indicator: 'effective_rate_falls',
        value: figures.effectiveRateFalls,
        unit: 'boolean',
      },
    );
    for (const year of figures.effectiveRateByParticipationYear) {
      const inYear = { ...at, year: year.participationYear };
      lines.push(
        { ...inYear, dimension: 'volume', indicator: 'grants_approved', value: year.grantsApproved, unit: 'count' },
        amountLine(inYear, 'volume', 'eligible_cost', year.eligibleCost),
        amountLine(inYear, 'volume', 'subsidy', year.subsidy),
        rateLine(
          inYear,
          'durability',
          'effective_rate',
          year.effectiveRate === null ? null : { bp: year.effectiveRateBp ?? 0, ratio: year.effectiveRate },
        ),
      );
    }
  }
  for (const figures of report.guarantees) {
    const at = { instrument: 'guarantees' as const, currency: figures.currency };
    lines.push(
      { ...at, dimension: 'extension', indicator: 'companies', value: figures.companies, unit: 'count' },
      { ...at, dimension: 'extension', indicator: 'members', value: figures.members, unit: 'count' },
      { ...at, dimension: 'extension', indicator: 'members_reached', value: figures.membersReached, unit: 'count' },
      { ...at, dimension: 'extension', indicator: 'women_owned_members', value: null, unit: 'not recorded' },
      { ...at, dimension: 'volume', indicator: 'guarantees_issued', value: figures.guaranteesIssued, unit: 'count' },
      amountLine(at, 'effectiveness', 'credit_mobilised', figures.creditMobilised),
      amountLine(at, 'volume', 'guaranteed_amount', figures.guaranteedAmount),
      amountLine(at, 'volume', 'guarantee_fund', figures.guaranteeFund),
      amountLine(at, 'volume', 'guarantee_fund_balance', figures.guaranteeFundBalance),
      ratioLine(at, 'effectiveness', 'credit_per_unit_of_guarantee_fund', figures.creditPerUnitOfGuaranteeFund),
      { ...at, dimension: 'durability', indicator: 'calls', value: figures.calls, unit: 'count' },
      amountLine(at, 'durability', 'claims_called', figures.claimsCalled),
      amountLine(at, 'durability', 'claims_paid', figures.claimsPaid),
      amountLine(at, 'durability', 'recoveries', figures.recoveries),
      rateLine(at, 'durability', 'call_rate', figures.callRate),
      rateLine(at, 'durability', 'call_rate_by_count', figures.callRateByCount),
      rateLine(at, 'durability', 'recovery_rate', figures.recoveryRate),
    );
  }
  return [
    csv.preamble,
    csv.row(MONITORING_CSV_COLUMNS),
    ...lines.map((line) =>
      csv.row([
        report.scope,
        report.id,
        report.from,
        report.to,
        line.instrument,
        line.currency,
        line.year,
        line.dimension,
        line.indicator,
        line.value,
        line.unit,
        line.exact,
        report.readModelsPosition,
      ]),
    ),
  ].join('');
}

type At = Pick<Line, 'instrument' | 'currency' | 'year'>;

function amountLine(at: At, dimension: Dimension, indicator: string, amount: MoneyJson): Line {
  return { ...at, dimension, indicator, value: major(amount), unit: 'amount', exact: amount.amountMinor };
}

function perUnitLine(at: At, dimension: Dimension, indicator: string, amount: AmountPerUnit | null): Line {
  return {
    ...at,
    dimension,
    indicator,
    value: amount ? major(amount) : null,
    unit: 'amount',
    exact: amount?.exactMinor ?? null,
  };
}

function rateLine(at: At, dimension: Dimension, indicator: string, rate: RateFigure | null): Line {
  return { ...at, dimension, indicator, value: rate?.bp ?? null, unit: 'bp', exact: rate?.ratio ?? null };
}

function ratioLine(at: At, dimension: Dimension, indicator: string, ratio: RatioFigure | null): Line {
  return {
    ...at,
    dimension,
    indicator,
    value: csvDecimalOrNull(ratio?.decimal),
    unit: 'ratio',
    exact: ratio?.ratio ?? null,
  };
}
