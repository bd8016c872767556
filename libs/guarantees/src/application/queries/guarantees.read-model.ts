import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { floorDiv, Ratio } from '@ledger/money';
import { Clock } from '@ledger/platform';
import {
  CompanyNotFound,
  ConventionNotFound,
  conventionStatusToday,
  FederationNotFound,
  GuaranteeNotFound,
  normalizeLoanReference,
} from '../../domain';
import { loanCoverageView } from './loan-coverage.view';

type Row = Record<string, string | number | null>;

export interface MoneyView {
  readonly amountMinor: string;
  readonly currency: string;
}

const money = (amountMinor: unknown, currency: unknown): MoneyView => ({
  amountMinor: String(amountMinor),
  currency: String(currency),
});

const optionalMoney = (amountMinor: unknown, currency: unknown): MoneyView | null =>
  amountMinor === null || amountMinor === undefined ? null : money(amountMinor, currency);

/** floor(10 000 × part / whole) in basis points; null when there is nothing to divide by. */
function rateBp(part: unknown, whole: unknown): number | null {
  const denominator = BigInt(String(whole));
  return denominator === 0n ? null : Number(floorDiv(10_000n * BigInt(String(part)), denominator));
}

/** An exact ratio, with a display decimal truncated to 4 places; null when the base is zero. */
function ratioView(numerator: unknown, denominator: unknown): { ratio: string; decimal: string } | null {
  const d = BigInt(String(denominator));
  if (d <= 0n) return null;
  const ratio = Ratio.of(BigInt(String(numerator)), d);
  return { ratio: ratio.toString(), decimal: ratio.toDecimalString(4) };
}

/**
 * SQL: a convention row in force on the date bound to `$n` — not terminated, and the date within
 * validFrom..validUntil (ISO dates compare as text). The same rule as `conventionStatusToday`.
 */
export const conventionInForceSql = (alias: string, dateParam: number): string =>
  `${alias}.status = 'in-force' AND ${alias}.valid_from <= $${dateParam} AND ${alias}.valid_until >= $${dateParam}`;

/**
 * Answers from the read models only. Bank-facing queries take the bank id as a filter in their
 * WHERE clause, so scoping a bank to its own conventions later is a matter of forcing that filter.
 */
export interface ConventionFilter {
  readonly companyId?: string;
  readonly bankId?: string;
  readonly status?: string;
}

export interface GuaranteeFilter {
  readonly companyId?: string;
  readonly memberId?: string;
  readonly conventionId?: string;
  readonly loanReference?: string;
  readonly state?: string;
}

@Injectable()
export class GuaranteesReadModel {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Today, UTC, by the ledger's clock: a convention's status is worked out for it when read. */
  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private query(sql: string, params: unknown[]): Promise<Row[]> {
    return this.dataSource.query(sql, params);
  }

  async federation(federationId: string) {
    const [federation] = await this.query('SELECT * FROM guarantee_federations WHERE federation_id = $1', [
      federationId,
    ]);
    if (!federation) throw new FederationNotFound(federationId);
    const companies = await this.query(
      'SELECT company_id FROM guarantee_companies WHERE federation_id = $1 ORDER BY company_id',
      [federationId],
    );
    const [totals] = await this.query(
      `SELECT count(*)::int AS companies,
              coalesce(sum(members_active), 0)::int AS members_active,
              coalesce(sum(capital_subscribed), 0) AS capital_subscribed, coalesce(sum(capital_paid), 0) AS capital_paid,
              coalesce(sum(fund_balance), 0) AS fund_balance, coalesce(sum(claims_paid), 0) AS claims_paid,
              coalesce(sum(recoveries), 0) AS recoveries, coalesce(sum(guarantees_issued), 0)::int AS guarantees_issued,
              coalesce(sum(guarantees_in_force), 0)::int AS guarantees_in_force,
              coalesce(sum(credit_mobilised), 0) AS credit_mobilised, coalesce(sum(guaranteed_issued), 0) AS guaranteed_issued,
              coalesce(sum(outstanding_principal), 0) AS outstanding_principal,
              coalesce(sum(guaranteed_outstanding), 0) AS guaranteed_outstanding,
              coalesce(sum(calls), 0)::int AS calls, coalesce(sum(claims_called), 0) AS claims_called
         FROM guarantee_companies WHERE federation_id = $1`,
      [federationId],
    );
    const [conventions] = await this.query(
      // Each company's conventions share its fund: its capacity is the largest of theirs (fund ×
      // largest multiplier), its headroom that less all they have outstanding.
      `SELECT coalesce(sum(capacity), 0) AS capacity, coalesce(sum(headroom), 0) AS headroom
         FROM (SELECT max(v.capacity) AS capacity, max(v.capacity) - sum(v.outstanding) AS headroom
                 FROM guarantee_conventions v JOIN guarantee_companies c ON c.company_id = v.company_id
                WHERE c.federation_id = $1 AND ${conventionInForceSql('v', 2)}
                GROUP BY v.company_id) shared`,
      [federationId, this.today()],
    );
    const currency = federation.currency;
    return {
      federationId,
      name: federation.name,
      currency,
      registeredOn: federation.registered_on,
      companies: companies.map((row) => row.company_id),
      consolidated: this.figures({ ...totals, ...conventions }, currency),
      position: String(federation.last_position),
    };
  }

  async company(companyId: string) {
    const [company] = await this.query('SELECT * FROM guarantee_companies WHERE company_id = $1', [companyId]);
    if (!company) throw new CompanyNotFound(companyId);
    const currency = company.currency;
    const conventions = await this.query(
      'SELECT * FROM guarantee_conventions WHERE company_id = $1 ORDER BY signed_on, convention_id',
      [companyId],
    );
    const deposits = await this.query(
      'SELECT * FROM guarantee_fund_deposits WHERE company_id = $1 ORDER BY deposited_on, deposit_id',
      [companyId],
    );
    const today = this.today();
    const conventionViews = conventions.map((row) => this.conventionView(row, today));
    const inForce = conventions.filter((_, i) => conventionViews[i].status === 'in-force');
    const sum = (rows: Row[], column: string) => rows.reduce((total, row) => total + BigInt(String(row[column])), 0n);
    const largest = (rows: Row[], column: string) =>
      rows.reduce((most, row) => (BigInt(String(row[column])) > most ? BigInt(String(row[column])) : most), 0n);
    // Four-eyes reservations are not balances: shown beside them, from the pending proposals.
    const [reserved] = await this.query(
      `SELECT count(*)::int AS pending,
              coalesce(sum(CASE WHEN action IN ('reverse-deposit', 'withdraw-guarantee-fund') THEN 0 ELSE reserved END), 0) AS headroom,
              coalesce(sum((reservations->>'fund')::numeric), 0) AS fund
         FROM ledger_proposals
        WHERE context = 'guarantees' AND subjects @> $1::jsonb AND status = 'pending'`,
      [JSON.stringify({ companyId })],
    );
    return {
      companyId,
      name: company.name,
      currency,
      federationId: company.federation_id,
      registeredOn: company.registered_on,
      members: { active: company.members_active, total: company.members_total },
      fundDeposited: money(company.fund_deposited, currency),
      fundWithdrawn: money(company.fund_withdrawn, currency),
      ...this.figures(
        {
          ...company,
          // The conventions share one fund: fund × the largest multiplier, less all they have outstanding.
          capacity: largest(inForce, 'capacity').toString(),
          headroom: (largest(inForce, 'capacity') - sum(inForce, 'outstanding')).toString(),
        },
        currency,
      ),
      reserved: {
        pendingProposals: reserved.pending,
        /** Headroom held by pending issuances and repayment reversals, under each convention's ceiling basis. */
        headroom: money(reserved.headroom, currency),
        /** Guarantee fund held back by pending deposit reversals (and so capacity under every convention). */
        guaranteeFund: money(reserved.fund, currency),
      },
      deposits: deposits.map((row) => ({
        depositId: row.deposit_id,
        bankId: row.bank_id,
        amount: money(row.amount, currency),
        withdrawn: money(row.withdrawn, currency),
        termDepositReference: row.term_deposit_reference,
        depositedOn: row.deposited_on,
        maturesOn: row.matures_on,
      })),
      conventions: conventionViews,
      position: String(company.last_position),
    };
  }

  /**
   * One page of the companies, by name then id, each with its live balances (capacity and
   * headroom shared by its conventions in force: fund × the largest multiplier, less all they have
   * outstanding), and how many there are in all.
   */
  async companies(limit: number, offset: number) {
    const rows = await this.query(
      `SELECT c.*, coalesce(v.capacity, 0) AS capacity, coalesce(v.headroom, 0) AS headroom
         FROM guarantee_companies c
         LEFT JOIN (SELECT company_id, max(capacity) AS capacity, max(capacity) - sum(outstanding) AS headroom
                      FROM guarantee_conventions v WHERE ${conventionInForceSql('v', 3)} GROUP BY company_id) v
           ON v.company_id = c.company_id
        ORDER BY c.name, c.company_id LIMIT $1 OFFSET $2`,
      [limit, offset, this.today()],
    );
    const [{ total }] = await this.query('SELECT count(*)::int AS total FROM guarantee_companies', []);
    return {
      items: rows.map((row) => ({
        companyId: row.company_id as string,
        name: row.name as string,
        currency: row.currency as string,
        federationId: row.federation_id,
        registeredOn: row.registered_on,
        members: { active: row.members_active, total: row.members_total },
        fundDeposited: money(row.fund_deposited, row.currency),
        fundWithdrawn: money(row.fund_withdrawn, row.currency),
        ...this.figures(row, row.currency),
        position: String(row.last_position),
      })),
      total: Number(total),
      limit,
      offset,
    };
  }

  async members(companyId: string) {
    const [company] = await this.query('SELECT currency FROM guarantee_companies WHERE company_id = $1', [companyId]);
    if (!company) throw new CompanyNotFound(companyId);
    const rows = await this.query(
      'SELECT * FROM guarantee_members WHERE company_id = $1 ORDER BY admitted_on, member_id',
      [companyId],
    );
    return rows.map((row) => ({
      memberId: row.member_id,
      name: row.name,
      status: row.status,
      admittedOn: row.admitted_on,
      leftOn: row.left_on,
      capitalSubscribed: money(row.capital_subscribed, company.currency),
      capitalPaid: money(row.capital_paid, company.currency),
      guaranteesInForce: row.guarantees_in_force,
      defaults: row.defaults,
    }));
  }

  /** A convention; `bankId` (when given) must be the convention's bank, else it is not found. */
  async convention(conventionId: string, bankId: string | null) {
    const [row] = await this.query(
      'SELECT * FROM guarantee_conventions WHERE convention_id = $1 AND ($2::text IS NULL OR bank_id = $2)',
      [conventionId, bankId],
    );
    if (!row) throw new ConventionNotFound(conventionId);
    return this.conventionView(row, this.today());
  }

  async conventionsOfBank(bankId: string) {
    return (await this.conventions({ bankId }, 0, null)).items;
  }

  /**
   * Conventions with their company's name, by signing date, filtered by company, bank and status
   * as of today (worked out from the dates, as `conventionStatusToday`); `limit` null: all of them.
   */
  async conventions(filter: ConventionFilter, offset: number, limit: number | null) {
    const today = this.today();
    const status = `CASE WHEN v.status = 'terminated' THEN 'terminated' WHEN v.valid_from > $1 THEN 'not-yet-in-force'
      WHEN v.valid_until < $1 THEN 'expired' ELSE 'in-force' END`;
    const where = [
      '($2::text IS NULL OR v.company_id = $2)',
      '($3::text IS NULL OR v.bank_id = $3)',
      `($4::text IS NULL OR ${status} = $4)`,
    ].join(' AND ');
    const params = [today, filter.companyId ?? null, filter.bankId ?? null, filter.status ?? null];
    const rows = await this.query(
      `SELECT v.*, c.name AS company_name FROM guarantee_conventions v
         LEFT JOIN guarantee_companies c ON c.company_id = v.company_id
        WHERE ${where} ORDER BY v.signed_on, v.convention_id OFFSET $5 ${limit === null ? '' : 'LIMIT $6'}`,
      limit === null ? [...params, offset] : [...params, offset, limit],
    );
    const [{ total }] = await this.query(
      `SELECT count(*)::int AS total FROM guarantee_conventions v WHERE ${where}`,
      params,
    );
    return {
      items: rows.map((row) => ({
        ...this.conventionView(row, today),
        companyName: (row.company_name ?? null) as string | null,
      })),
      total: Number(total),
    };
  }

  /**
   * Guarantees by issuing date, filtered by company, member, convention, status and loan reference
   * (matched by `normalizeLoanReference`, the rule it was stored by: any case, any spacing).
   */
  async guarantees(filter: GuaranteeFilter, offset: number, limit: number) {
    const where = [
      '($1::text IS NULL OR company_id = $1)',
      '($2::text IS NULL OR member_id = $2)',
      '($3::text IS NULL OR convention_id = $3)',
      '($4::text IS NULL OR loan_reference = $4)',
      '($5::text IS NULL OR status = $5)',
    ].join(' AND ');
    const params = [
      filter.companyId ?? null,
      filter.memberId ?? null,
      filter.conventionId ?? null,
      filter.loanReference === undefined ? null : normalizeLoanReference(filter.loanReference),
      filter.state ?? null,
    ];
    const rows = await this.query(
      `SELECT * FROM guarantees WHERE ${where} ORDER BY issued_on, guarantee_id OFFSET $6 LIMIT $7`,
      [...params, offset, limit],
    );
    const [{ total }] = await this.query(`SELECT count(*)::int AS total FROM guarantees WHERE ${where}`, params);
    return { items: rows.map((row) => this.guaranteeView(row)), total: Number(total) };
  }

  async guarantee(guaranteeId: string) {
    const [row] = await this.query('SELECT * FROM guarantees WHERE guarantee_id = $1', [guaranteeId]);
    if (!row) throw new GuaranteeNotFound(guaranteeId);
    return this.guaranteeView(row);
  }

  async guaranteesOfConvention(conventionId: string) {
    const rows = await this.query(
      'SELECT * FROM guarantees WHERE convention_id = $1 ORDER BY issued_on, guarantee_id',
      [conventionId],
    );
    return rows.map((row) => this.guaranteeView(row));
  }

  /** The guarantees under a convention of this bank; another bank's convention is not found. */
  async guaranteesOfBankConvention(bankId: string, conventionId: string) {
    await this.convention(conventionId, bankId);
    return this.guaranteesOfConvention(conventionId);
  }

  /**
   * What the bank sees of its loan: whether it is covered and for how much, and through a default
   * the outstanding at default, the claim, what the fund paid and what was recovered, with dates.
   * The reference is matched by the one rule it was stored by (`normalizeLoanReference`).
   */
  async loanCoverage(bankId: string, loanReference: string) {
    const reference = normalizeLoanReference(loanReference);
    // One guarantee per loan; before the rule two references differing only in case could each
    // have one: the latest issued answers.
    const [row] = await this.query(
      `SELECT * FROM guarantees WHERE bank_id = $1 AND loan_reference = $2
        ORDER BY issued_on DESC, last_position DESC LIMIT 1`,
      [bankId, reference],
    );
    return loanCoverageView(bankId, reference, row);
  }

  /** Every loan of this bank with a guarantee, as `loanCoverage` answers it, by issuing date. */
  async loansOfBank(bankId: string) {
    const rows = await this.query('SELECT * FROM guarantees WHERE bank_id = $1 ORDER BY issued_on, guarantee_id', [
      bankId,
    ]);
    return rows.map((row) => loanCoverageView(bankId, String(row.loan_reference), row));
  }

  async conventionHeadroom(bankId: string, conventionId: string) {
    const view = await this.convention(conventionId, bankId);
    return {
      conventionId: view.conventionId,
      bankId: view.bankId,
      companyId: view.companyId,
      status: view.status,
      openForIssuance: view.openForIssuance,
      validFrom: view.validFrom,
      validUntil: view.validUntil,
      multiplier: view.multiplier,
      ceilingBasis: view.ceilingBasis,
      fundBalance: view.fundBalance,
      capacity: view.capacity,
      outstanding: view.outstanding,
      headroom: view.headroom,
      position: view.position,
    };
  }

  private figures(row: Row, currency: unknown) {
    return {
      capitalSubscribed: money(row.capital_subscribed, currency),
      capitalPaid: money(row.capital_paid, currency),
      fundBalance: money(row.fund_balance, currency),
      outstandingPrincipal: money(row.outstanding_principal, currency),
      guaranteedOutstanding: money(row.guaranteed_outstanding, currency),
      capacity: money(row.capacity, currency),
      headroom: money(row.headroom, currency),
      guaranteesIssued: row.guarantees_issued,
      guaranteesInForce: row.guarantees_in_force,
      creditMobilised: money(row.credit_mobilised, currency),
      guaranteedIssued: money(row.guaranteed_issued, currency),
      calls: row.calls,
      claimsCalled: money(row.claims_called, currency),
      claimsPaid: money(row.claims_paid, currency),
      recoveries: money(row.recoveries, currency),
      /** Claims called ÷ amounts guaranteed at issuance. */
      callRateBp: rateBp(row.claims_called, row.guaranteed_issued),
      /** Recoveries ÷ claims paid. */
      recoveryRateBp: rateBp(row.recoveries, row.claims_paid),
      /** Credit mobilised (principal of all guaranteed loans) ÷ guarantee fund balance. */
      leverage: ratioView(row.credit_mobilised, row.fund_balance),
    };
  }

  /**
   * A convention row as of today: its status worked out from its dates (`conventionStatusToday`),
   * not the stored one, which no event changes when a convention expires.
   */
  private conventionView(row: Row, today: string) {
    const currency = row.currency;
    const status = conventionStatusToday(
      {
        validFrom: String(row.valid_from),
        validUntil: String(row.valid_until),
        terminatedOn: row.status === 'terminated' ? String(row.terminated_on) : null,
      },
      today,
    );
    const multiplier = Ratio.of(BigInt(String(row.multiplier_numerator)), BigInt(String(row.multiplier_denominator)));
    return {
      conventionId: row.convention_id as string,
      companyId: row.company_id as string,
      bankId: row.bank_id as string,
      currency,
      status,
      /** Only a convention in force takes new guarantees (and counts in its company's capacity and headroom). */
      openForIssuance: status === 'in-force',
      signedOn: row.signed_on,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      terminatedOn: row.terminated_on,
      termsVersion: row.terms_version,
      termsEffectiveFrom: row.terms_effective_from,
      multiplier: { ratio: multiplier.toString(), decimal: multiplier.toDecimalString(4) },
      coverageRateBp: row.coverage_rate_bp,
      ceilingBasis: row.ceiling_basis,
      maxGuaranteedPerLoan: optionalMoney(row.max_guaranteed_per_loan, currency),
      fundBalance: money(row.fund_balance, currency),
      capacity: money(row.capacity, currency),
      outstandingPrincipal: money(row.outstanding_principal, currency),
      guaranteedOutstanding: money(row.guaranteed_outstanding, currency),
      outstanding: money(row.outstanding, currency),
      headroom: money(row.headroom, currency),
      guaranteesIssued: row.guarantees_issued,
      guaranteesInForce: row.guarantees_in_force,
      creditMobilised: money(row.credit_mobilised, currency),
      calls: row.calls,
      claimsCalled: money(row.claims_called, currency),
      claimsPaid: money(row.claims_paid, currency),
      recoveries: money(row.recoveries, currency),
      leverage: ratioView(row.outstanding_principal, row.fund_balance),
      position: String(row.last_position),
    };
  }

  private guaranteeView(row: Row) {
    const currency = row.currency;
    return {
      guaranteeId: row.guarantee_id,
      companyId: row.company_id,
      conventionId: row.convention_id,
      bankId: row.bank_id,
      memberId: row.member_id,
      loanReference: row.loan_reference,
      status: row.status,
      principal: money(row.principal, currency),
      coverageRateBp: row.coverage_rate_bp,
      guaranteedAmount: money(row.guaranteed_amount, currency),
      outstandingPrincipal: money(row.outstanding_principal, currency),
      guaranteedOutstanding: money(row.guaranteed_outstanding, currency),
      termsVersion: row.terms_version,
      loanStartDate: row.loan_start_date,
      maturityDate: row.maturity_date,
      issuedOn: row.issued_on,
      releasedOn: row.released_on,
      calledOn: row.called_on,
      outstandingAtDefault: optionalMoney(row.outstanding_at_default, currency),
      claim: optionalMoney(row.claim_amount, currency),
      claimPaid: money(row.claim_paid, currency),
      recovered: money(row.recovered, currency),
      claimLastPaidOn: row.claim_last_paid_on ?? null,
      lastRecoveredOn: row.last_recovered_on ?? null,
      position: String(row.last_position),
    };
  }
}
