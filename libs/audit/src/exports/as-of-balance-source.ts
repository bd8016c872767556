import type { DataSource } from 'typeorm';
import {
  CofinancingBalancesAsOf,
  CofinancingReporting,
  type BeneficiaryBalancesAsOfView,
  type DonorBalancesAsOfView,
  type WindowBalancesAsOfView,
} from '@ledger/cofinancing';
import { DomainError, type AsOfInput } from '@ledger/event-sourcing';
import { GuaranteeBalancesAsOf, GuaranteesReporting } from '@ledger/guarantees';
import type { CurrencyCode } from '@ledger/money';
import type { LedgerRuntime } from '@ledger/platform';
import type { BalanceRow, BalancesAsOfSource } from './balance-row';

/** `{ amountMinor, currency }` as the as-of services answer it. */
interface MoneyLike {
  readonly amountMinor: string;
  readonly currency: string;
}

const big = (money: MoneyLike | null | undefined): bigint => BigInt(money?.amountMinor ?? '0');
const text = (value: unknown): string => String(value);

/** The services' own currency when they name one, else the live row's (they never differ). */
const currencyOf = (money: MoneyLike | null | undefined, fallback: unknown): CurrencyCode =>
  (money?.currency || String(fallback)) as CurrencyCode;

/**
 * Balances as they stood at the end of a business date, one row per entity with the same keys
 * and amount columns as the live rows (`live-balances.ts`), so the two exports line up column for
 * column.
 *
 * Which entities: every id is walked from the live read models as each context reports them,
 * keyset-paged in primary-key order (one page in memory), and the as-of services of the two contexts answer each entity at
 * (asOf, everything recorded — no knownAt). Windows, donors and beneficiary years are read once per
 * fund (or beneficiary) and kept only while the walk is on that fund: memory stays flat.
 *
 * Entities that did not exist yet on the date are **skipped**, not given zero rows: a fund created,
 * window opened, donor registered, beneficiary year first charged, company registered, convention
 * signed or guarantee issued after `asOf` has no row — as in the as-of services' own lists. So a
 * row always means "this existed then", and a zero means a real zero. An entity the as-of projection
 * has not reached yet (it may lag the live read models by a few events) is skipped the same way.
 *
 * Each entity is read in its own snapshot (the services open one per answer): while the export
 * runs, an event recorded for a date ≤ `asOf` may show in the rows read after it.
 */
export class AsOfBalanceSource implements BalancesAsOfSource {
  constructor(
    private readonly data: DataSource,
    private readonly cofinancing: CofinancingBalancesAsOf,
    private readonly guarantees: GuaranteeBalancesAsOf,
    private readonly pageSize = 500,
  ) {}

  /** The source over one runtime: what the audit module registers and the CLI builds. */
  static of(runtime: LedgerRuntime): AsOfBalanceSource {
    return new AsOfBalanceSource(
      runtime.dataSource,
      new CofinancingBalancesAsOf(runtime.dataSource),
      new GuaranteeBalancesAsOf(runtime.dataSource),
    );
  }

  async *rows(asOf: string): AsyncGenerator<BalanceRow> {
    const at: AsOfInput = { asOf, knownAt: null };
    yield* this.funds(at, asOf);
    yield* this.windows(at);
    yield* this.donors(at);
    yield* this.beneficiaryYears(at);
    yield* this.companies(at, asOf);
    yield* this.conventions(at);
    yield* this.guaranteeRows(at, asOf);
  }

  /** The live read models of each context, walked for the ids they hold. */
  private live() {
    return { cofinancing: new CofinancingReporting(this.data), guarantees: new GuaranteesReporting(this.data) };
  }

  private async *funds(at: AsOfInput, asOf: string): AsyncGenerator<BalanceRow> {
    for await (const row of this.live().cofinancing.funds(this.pageSize)) {
      const fund = await existing(() => this.cofinancing.fund(row.fundId, at));
      if (!fund || fund.createdOn > asOf) continue;
      const [contributed, committed, disbursed] = [big(fund.contributed), big(fund.committed), big(fund.disbursed)];
      yield {
        entity: 'fund',
        id: fund.fundId,
        keys: { fund_id: fund.fundId },
        name: fund.name,
        status: null,
        currency: currencyOf(fund.contributed, row.currency),
        amounts: {
          contributed,
          committed,
          disbursed,
          available: contributed - committed,
          outstanding_commitments: committed - disbursed,
          released: big(fund.releasedAtClosure),
        },
      };
    }
  }

  private async *windows(at: AsOfInput): AsyncGenerator<BalanceRow> {
    // (fund_id, window_id) is unique too: walking in that order keeps each fund's windows together.
    const ofFund = perParent((fundId: string) =>
      existing(async () => (await this.cofinancing.windows(fundId, at)).items),
    );
    for await (const row of this.live().cofinancing.windows({ byFund: true, pageSize: this.pageSize })) {
      const windows: WindowBalancesAsOfView[] = (await ofFund(row.fundId)) ?? [];
      // The service lists only the windows open on the date.
      const window = windows.find((w) => w.windowId === row.windowId);
      if (!window) continue;
      const [committed, disbursed] = [big(window.committed), big(window.disbursed)];
      yield {
        entity: 'window',
        id: window.windowId,
        keys: { fund_id: window.fundId, window_id: window.windowId },
        name: window.name,
        status: null,
        currency: currencyOf(window.committed, row.currency),
        amounts: {
          committed,
          disbursed,
          released: big(window.releasedAtClosure),
          outstanding_commitments: committed - disbursed,
        },
      };
    }
  }

  private async *donors(at: AsOfInput): AsyncGenerator<BalanceRow> {
    const ofFund = perParent((fundId: string) =>
      existing(async () => (await this.cofinancing.donors(fundId, at)).items),
    );
    for await (const row of this.live().cofinancing.donors(this.pageSize)) {
      const donors: DonorBalancesAsOfView[] = (await ofFund(row.fundId)) ?? [];
      // The service lists only the donors registered on the date.
      const donor = donors.find((d) => d.donorId === row.donorId);
      if (!donor) continue;
      yield {
        entity: 'donor',
        id: donor.donorId,
        keys: { fund_id: row.fundId, donor_id: donor.donorId },
        name: donor.name,
        status: null,
        currency: currencyOf(donor.contributed, row.currency),
        amounts: { contributed: big(donor.contributed) },
      };
    }
  }

  private async *beneficiaryYears(at: AsOfInput): AsyncGenerator<BalanceRow> {
    const ofBeneficiary = perParent((beneficiaryId: string) =>
      existing(() => this.cofinancing.beneficiary(beneficiaryId, at)),
    );
    for await (const row of this.live().cofinancing.beneficiaryYears(this.pageSize)) {
      const beneficiary: BeneficiaryBalancesAsOfView | null = await ofBeneficiary(row.beneficiaryId);
      // A year the ledger had not charged anything to by the date is not there yet.
      const year = beneficiary?.years.find(
        (y) => y.windowId === row.windowId && y.participationYear === row.participationYear,
      );
      if (!beneficiary || !year) continue;
      yield {
        entity: 'beneficiary-year',
        id: `${beneficiary.beneficiaryId}/${year.windowId}/${year.participationYear}`,
        keys: {
          fund_id: year.fundId || row.fundId,
          window_id: year.windowId,
          beneficiary_id: beneficiary.beneficiaryId,
          participation_year: year.participationYear,
        },
        name: beneficiary.name,
        status: null,
        currency: currencyOf(year.subsidy, row.currency),
        amounts: {
          eligible_cost: big(year.eligibleCost),
          subsidy: big(year.subsidy),
          own_share: big(year.ownShare),
          invoiced: big(year.invoiced),
          disbursed: big(year.disbursed),
          released: big(year.releasedAtClosure),
        },
      };
    }
  }

  private async *companies(at: AsOfInput, asOf: string): AsyncGenerator<BalanceRow> {
    for await (const row of this.live().guarantees.companies(this.pageSize)) {
      const company = await existing(() => this.guarantees.company(row.companyId, at));
      if (!company || company.registeredOn > asOf) continue;
      yield {
        entity: 'company',
        id: company.companyId,
        keys: { company_id: company.companyId },
        name: company.name,
        status: null,
        currency: currencyOf(company.fundBalance, row.currency),
        amounts: {
          capital_subscribed: big(company.capitalSubscribed),
          capital_paid: big(company.capitalPaid),
          fund_deposited: big(company.fundDeposited),
          fund_withdrawn: big(company.fundWithdrawn),
          fund_balance: big(company.fundBalance),
          credit_mobilised: big(company.creditMobilised),
          outstanding_principal: big(company.outstandingPrincipal),
          guaranteed_outstanding: big(company.guaranteedOutstanding),
          claims_called: big(company.claimsCalled),
          claims_paid: big(company.claimsPaid),
          recoveries: big(company.recoveries),
        },
      };
    }
  }

  private async *conventions(at: AsOfInput): AsyncGenerator<BalanceRow> {
    for await (const row of this.live().guarantees.conventions(this.pageSize)) {
      const convention = await existing(() => this.guarantees.convention(row.conventionId, at));
      // Signed after the date: the service says 'not-signed'.
      if (!convention || convention.status === 'not-signed') continue;
      yield {
        entity: 'convention',
        id: convention.conventionId,
        keys: { company_id: convention.companyId, convention_id: convention.conventionId, bank_id: convention.bankId },
        name: null,
        status: convention.status,
        currency: currencyOf(convention.capacity, row.currency),
        amounts: {
          fund_balance: big(convention.fundBalance),
          capacity: big(convention.capacity),
          outstanding: big(convention.outstanding),
          headroom: big(convention.headroom),
          credit_mobilised: big(convention.creditMobilised),
          outstanding_principal: big(convention.outstandingPrincipal),
          guaranteed_outstanding: big(convention.guaranteedOutstanding),
          claims_called: big(convention.claimsCalled),
          claims_paid: big(convention.claimsPaid),
          recoveries: big(convention.recoveries),
        },
      };
    }
  }

  private async *guaranteeRows(at: AsOfInput, asOf: string): AsyncGenerator<BalanceRow> {
    for await (const row of this.live().guarantees.guarantees(this.pageSize)) {
      const guarantee = await existing(() => this.guarantees.guarantee(row.guaranteeId, at));
      if (!guarantee || guarantee.status === 'not-issued' || guarantee.issuedOn > asOf) continue;
      yield {
        entity: 'guarantee',
        id: guarantee.guaranteeId,
        keys: {
          company_id: text(guarantee.companyId),
          convention_id: text(guarantee.conventionId),
          bank_id: text(guarantee.bankId),
          member_id: text(guarantee.memberId),
        },
        name: text(guarantee.loanReference),
        status: guarantee.status,
        currency: currencyOf(guarantee.principal, row.currency),
        amounts: {
          principal: big(guarantee.principal),
          guaranteed_amount: big(guarantee.guaranteedAmount),
          outstanding_principal: big(guarantee.outstandingPrincipal),
          guaranteed_outstanding: big(guarantee.guaranteedOutstanding),
          claims_called: big(guarantee.claim),
          claims_paid: big(guarantee.claimPaid),
          recoveries: big(guarantee.recovered),
        },
      };
    }
  }
}

/** The answer, or null when the as-of services do not know the entity (yet). */
async function existing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not-found') return null;
    throw error;
  }
}

/**
 * Reads per parent id, remembering only the last parent's answer: rows walked in an order that
 * keeps a parent's children together (a key that starts with the parent id) read each parent once.
 */
function perParent<T>(read: (parentId: string) => Promise<T>): (parentId: string) => Promise<T> {
  let last: { parentId: string; answer: Promise<T> } | null = null;
  return (parentId) => {
    if (last?.parentId !== parentId) last = { parentId, answer: read(parentId) };
    return last.answer;
  };
}
