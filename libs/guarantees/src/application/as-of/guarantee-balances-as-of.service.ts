import { Injectable } from '@nestjs/common';
import {
  readAsOf,
  type AsOf,
  type AsOfInput,
  type AsOfStamp,
  type Balances,
  type SqlRunner,
  type StoredEntity,
} from '@ledger/event-sourcing';
import { DataSource } from 'typeorm';
import { floorDiv, Ratio } from '@ledger/money';
import {
  capacityMinorOf,
  CompanyNotFound,
  conventionStatusOn,
  ConventionNotFound,
  FederationNotFound,
  GuaranteeNotFound,
  type CeilingBasis,
} from '../../domain';
import { GUARANTEE_BALANCES_PROJECTION, guaranteeBalances } from './guarantee-balance-effects';

export interface MoneyAsOf {
  readonly amountMinor: string;
  readonly currency: string;
}

const money = (amountMinor: bigint, currency: string): MoneyAsOf => ({ amountMinor: amountMinor.toString(), currency });

/** floor(10 000 × part / whole) in basis points; null when there is nothing to divide by. */
function rateBp(part: bigint, whole: bigint): number | null {
  return whole === 0n ? null : Number(floorDiv(10_000n * part, whole));
}

/** An exact ratio with a display decimal truncated to 4 places; null when the base is not positive. */
function ratioView(numerator: bigint, denominator: bigint): { ratio: string; decimal: string } | null {
  if (denominator <= 0n) return null;
  const ratio = Ratio.of(numerator, denominator);
  return { ratio: ratio.toString(), decimal: ratio.toDecimalString(4) };
}

const COMPANY_SUMS = [
  'membersActive',
  'membersTotal',
  'capitalSubscribed',
  'capitalPaid',
  'fundDeposited',
  'fundWithdrawn',
  'claimsPaid',
  'recoveries',
  'guaranteesIssued',
  'guaranteesInForce',
  'creditMobilised',
  'guaranteedIssued',
  'outstandingPrincipal',
  'guaranteedOutstanding',
  'calls',
  'claimsCalled',
] as const;

type CompanySums = Record<(typeof COMPANY_SUMS)[number], bigint>;

const fundBalanceOf = (s: CompanySums) => s.fundDeposited - s.fundWithdrawn - s.claimsPaid + s.recoveries;

/**
 * The mutual guarantee balances as of a business date D, as known at a record time T (defaults:
 * today, everything recorded): company, convention (capacity and headroom with the terms in force
 * on D), guarantee, federation. Answered from the `guarantees.balances-as-of` projection — monthly
 * checkpoints plus the movements after them — in one read-only snapshot. Also used by the audit exports.
 */
@Injectable()
export class GuaranteeBalancesAsOf {
  constructor(private readonly dataSource: DataSource) {}

  company(companyId: string, at?: AsOfInput) {
    return this.read(at, async (db, point, stamp) => {
      const company = await guaranteeBalances.entity(db, 'company', companyId, point);
      if (!company) throw new CompanyNotFound(companyId);
      const currency = company.currency as string;
      const sums = await this.companySums(db, companyId, point);
      const conventions = await this.conventionsOf(db, company, sums, point);
      const inForce = conventions.filter((c) => c.status === 'in-force');
      return {
        ...stamp,
        companyId,
        name: company.name,
        currency,
        federationId: company.parentId === '' ? null : company.parentId,
        registeredOn: company.createdOn,
        members: { active: Number(sums.membersActive), total: Number(sums.membersTotal) },
        fundDeposited: money(sums.fundDeposited, currency),
        fundWithdrawn: money(sums.fundWithdrawn, currency),
        ...this.figures(sums, shared(inForce).capacity, shared(inForce).headroom, currency),
        conventions,
      };
    });
  }

  /** A convention; `bankId` (when given) must be its bank, else it is not found. */
  convention(conventionId: string, at?: AsOfInput, bankId: string | null = null) {
    return this.read(at, async (db, point, stamp) => {
      const convention = await guaranteeBalances.entity(db, 'convention', conventionId, point);
      if (!convention || (bankId !== null && convention.details.bankId !== bankId)) {
        throw new ConventionNotFound(conventionId);
      }
      const company = await guaranteeBalances.entity(db, 'company', convention.parentId, point);
      if (!company) throw new ConventionNotFound(conventionId);
      const sums = await this.companySums(db, company.id, point);
      return { ...stamp, ...(await this.conventionView(db, convention, fundBalanceOf(sums), point)) };
    });
  }

  guarantee(guaranteeId: string, at?: AsOfInput) {
    return this.read(at, async (db, point, stamp) => {
      const guarantee = await guaranteeBalances.entity(db, 'guarantee', guaranteeId, point);
      if (!guarantee) throw new GuaranteeNotFound(guaranteeId);
      return { ...stamp, ...(await this.guaranteeView(db, guarantee, point)) };
    });
  }

  /**
   * Several guarantees in one snapshot (a bank's statement), in the order given; those not yet
   * known or not yet issued on the date are left out.
   */
  guarantees(guaranteeIds: readonly string[], at?: AsOfInput) {
    return this.read(at, async (db, point, stamp) => {
      const views = [];
      for (const guaranteeId of guaranteeIds) {
        const guarantee = await guaranteeBalances.entity(db, 'guarantee', guaranteeId, point);
        if (!guarantee) continue;
        const view = await this.guaranteeView(db, guarantee, point);
        if (view.status !== 'not-issued') views.push(view);
      }
      return { ...stamp, items: views };
    });
  }

  /** A guarantee's figures as of the point: `not-issued` before its issuance date. */
  private async guaranteeView(db: SqlRunner, guarantee: StoredEntity, point: AsOf) {
    const guaranteeId = guarantee.id;
    const b = await guaranteeBalances.balances(db, 'guarantee', guaranteeId, point);
    const currency = guarantee.currency as string;
    const d = guarantee.details;
    const called = b.count('called') > 0;
    const status =
      b.count('issued') === 0 ? 'not-issued' : called ? 'called' : b.count('released') > 0 ? 'released' : 'active';
    return {
      guaranteeId,
      companyId: d.companyId,
      conventionId: guarantee.parentId,
      bankId: d.bankId,
      memberId: d.memberId,
      loanReference: d.loanReference,
      status,
      principal: money(BigInt(String(d.principal)), currency),
      coverageRateBp: d.coverageRateBp,
      guaranteedAmount: money(BigInt(String(d.guaranteedAmount)), currency),
      outstandingPrincipal: money(b.get('outstandingPrincipal'), currency),
      guaranteedOutstanding: money(b.get('guaranteedOutstanding'), currency),
      termsVersion: d.termsVersion,
      loanStartDate: d.loanStartDate,
      maturityDate: d.maturityDate,
      issuedOn: guarantee.createdOn,
      outstandingAtDefault: called ? money(b.get('outstandingAtDefault'), currency) : null,
      claim: called ? money(b.get('claim'), currency) : null,
      claimPaid: money(b.get('claimPaid'), currency),
      recovered: money(b.get('recovered'), currency),
    };
  }

  /** The federation with figures consolidated over its companies (summed from each company's balances). */
  federation(federationId: string, at?: AsOfInput) {
    return this.read(at, async (db, point, stamp) => {
      const federation = await guaranteeBalances.entity(db, 'federation', federationId, point);
      if (!federation) throw new FederationNotFound(federationId);
      const currency = federation.currency as string;
      const companies = await guaranteeBalances.children(db, 'company', federationId, point);
      const total = Object.fromEntries(COMPANY_SUMS.map((m) => [m, 0n])) as CompanySums;
      let [capacity, headroom] = [0n, 0n];
      for (const company of companies) {
        const sums = await this.companySums(db, company.id, point);
        for (const metric of COMPANY_SUMS) total[metric] += sums[metric];
        const inForce = (await this.conventionsOf(db, company, sums, point)).filter((c) => c.status === 'in-force');
        capacity += shared(inForce).capacity;
        headroom += shared(inForce).headroom;
      }
      return {
        ...stamp,
        federationId,
        name: federation.name,
        currency,
        registeredOn: federation.createdOn,
        companies: companies.map((c) => c.id).sort(),
        consolidated: {
          membersActive: Number(total.membersActive),
          ...this.figures(total, capacity, headroom, currency),
        },
      };
    });
  }

  private async companySums(db: SqlRunner, companyId: string, point: AsOf): Promise<CompanySums> {
    const b = await guaranteeBalances.balances(db, 'company', companyId, point);
    return Object.fromEntries(COMPANY_SUMS.map((m) => [m, b.get(m)])) as CompanySums;
  }

  private async conventionsOf(db: SqlRunner, company: StoredEntity, sums: CompanySums, point: AsOf) {
    const conventions = await guaranteeBalances.children(db, 'convention', company.id, point);
    const views = [];
    for (const convention of conventions)
      views.push(await this.conventionView(db, convention, fundBalanceOf(sums), point));
    return views;
  }

  private async conventionView(db: SqlRunner, convention: StoredEntity, fundBalance: bigint, point: AsOf) {
    const currency = convention.currency as string;
    const b: Balances = await guaranteeBalances.balances(db, 'convention', convention.id, point);
    const versions = await guaranteeBalances.terms(db, 'convention', convention.id, point);
    if (!versions) throw new ConventionNotFound(convention.id);
    const terms = versions.inForce.terms;
    const multiplier = Ratio.parse(String(terms.multiplier));
    const ceilingBasis = terms.ceilingBasis as CeilingBasis;
    const capacity = capacityMinorOf(fundBalance, multiplier);
    const [principal, guaranteed] = [b.get('outstandingPrincipal'), b.get('guaranteedOutstanding')];
    const outstanding = ceilingBasis === 'loan-principal' ? principal : guaranteed;
    // Worked out for the date asked: a convention past its validUntil (under the terms in force
    // then) is expired, one before its validFrom not yet in force; only `in-force` counts in the
    // company's and federation's capacity and headroom.
    const validFrom = String(convention.details.validFrom);
    const status =
      point.asOf < convention.createdOn
        ? 'not-signed'
        : b.count('terminated') > 0
          ? 'terminated'
          : conventionStatusOn({ validFrom, validUntil: String(terms.validUntil), terminatedOn: null }, point.asOf);
    return {
      conventionId: convention.id,
      companyId: convention.parentId,
      bankId: String(convention.details.bankId),
      currency,
      status,
      openForIssuance: status === 'in-force',
      signedOn: convention.createdOn,
      validFrom,
      validUntil: String(terms.validUntil),
      termsVersion: versions.inForce.version,
      termsEffectiveFrom: versions.inForce.effectiveFrom,
      latestTermsVersion: versions.latest.version,
      multiplier: { ratio: multiplier.toString(), decimal: multiplier.toDecimalString(4) },
      coverageRateBp: Number(terms.coverageRateBp),
      ceilingBasis,
      maxGuaranteedPerLoan:
        terms.maxGuaranteedPerLoan === null ? null : money(BigInt(String(terms.maxGuaranteedPerLoan)), currency),
      fundBalance: money(fundBalance, currency),
      capacity: money(capacity, currency),
      outstandingPrincipal: money(principal, currency),
      guaranteedOutstanding: money(guaranteed, currency),
      outstanding: money(outstanding, currency),
      headroom: money(capacity - outstanding, currency),
      guaranteesIssued: b.count('guaranteesIssued'),
      guaranteesInForce: b.count('guaranteesInForce'),
      creditMobilised: money(b.get('creditMobilised'), currency),
      calls: b.count('calls'),
      claimsCalled: money(b.get('claimsCalled'), currency),
      claimsPaid: money(b.get('claimsPaid'), currency),
      recoveries: money(b.get('recoveries'), currency),
      leverage: ratioView(principal, fundBalance),
    };
  }

  private figures(s: CompanySums, capacity: bigint, headroom: bigint, currency: string) {
    const fundBalance = fundBalanceOf(s);
    return {
      capitalSubscribed: money(s.capitalSubscribed, currency),
      capitalPaid: money(s.capitalPaid, currency),
      fundBalance: money(fundBalance, currency),
      outstandingPrincipal: money(s.outstandingPrincipal, currency),
      guaranteedOutstanding: money(s.guaranteedOutstanding, currency),
      capacity: money(capacity, currency),
      headroom: money(headroom, currency),
      guaranteesIssued: Number(s.guaranteesIssued),
      guaranteesInForce: Number(s.guaranteesInForce),
      creditMobilised: money(s.creditMobilised, currency),
      guaranteedIssued: money(s.guaranteedIssued, currency),
      calls: Number(s.calls),
      claimsCalled: money(s.claimsCalled, currency),
      claimsPaid: money(s.claimsPaid, currency),
      recoveries: money(s.recoveries, currency),
      callRateBp: rateBp(s.claimsCalled, s.guaranteedIssued),
      recoveryRateBp: rateBp(s.recoveries, s.claimsPaid),
      leverage: ratioView(s.creditMobilised, fundBalance),
    };
  }

  private read<T>(
    at: AsOfInput | undefined,
    work: (db: SqlRunner, point: AsOf, stamp: AsOfStamp) => Promise<T>,
  ): Promise<T> {
    return readAsOf(this.dataSource, GUARANTEE_BALANCES_PROJECTION, at, work);
  }
}

/**
 * A company's conventions share its one fund: its capacity is floor(fund × the largest multiplier
 * among its conventions in force) — the largest of their capacities — not their sum, and its
 * headroom that capacity less everything outstanding under them (each under its ceiling basis).
 */
function shared(rows: readonly { capacity: MoneyAsOf; outstanding: MoneyAsOf }[]): {
  capacity: bigint;
  headroom: bigint;
} {
  let capacity = 0n;
  let outstanding = 0n;
  for (const row of rows) {
    const own = BigInt(row.capacity.amountMinor);
    if (own > capacity) capacity = own;
    outstanding += BigInt(row.outstanding.amountMinor);
  }
  return { capacity, headroom: capacity - outstanding };
}
