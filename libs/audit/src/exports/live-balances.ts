import type { DataSource } from 'typeorm';
import { CofinancingReporting } from '@ledger/cofinancing';
import { GuaranteesReporting, type GuaranteedBalances } from '@ledger/guarantees';
import type { BalanceAmount, BalanceRow } from './balance-row';

/** The amounts every guarantee-side level (company, convention) carries, in export column order. */
function guaranteed(row: GuaranteedBalances): Partial<Record<BalanceAmount, bigint>> {
  return {
    credit_mobilised: row.creditMobilised,
    outstanding_principal: row.outstandingPrincipal,
    guaranteed_outstanding: row.guaranteedOutstanding,
    claims_called: row.claimsCalled,
    claims_paid: row.claimsPaid,
    recoveries: row.recoveries,
  };
}

/**
 * Balances as the live read models hold them now: every fund, window, donor, beneficiary ×
 * window × participation year, guarantee company, bank convention and guarantee, as each context
 * reports them (keyset-paged: one page in memory).
 */
export async function* liveBalanceRows(data: DataSource): AsyncGenerator<BalanceRow> {
  const cofinancing = new CofinancingReporting(data);
  const guarantees = new GuaranteesReporting(data);
  for await (const fund of cofinancing.funds()) {
    yield {
      entity: 'fund',
      id: fund.fundId,
      keys: { fund_id: fund.fundId },
      name: fund.name,
      status: null,
      currency: fund.currency,
      amounts: {
        contributed: fund.contributed,
        committed: fund.committed,
        disbursed: fund.disbursed,
        available: fund.contributed - fund.committed,
        outstanding_commitments: fund.committed - fund.disbursed,
        released: fund.released,
      },
    };
  }
  for await (const window of cofinancing.windows()) {
    yield {
      entity: 'window',
      id: window.windowId,
      keys: { fund_id: window.fundId, window_id: window.windowId },
      name: window.name,
      status: null,
      currency: window.currency,
      amounts: {
        committed: window.committed,
        disbursed: window.disbursed,
        released: window.released,
        outstanding_commitments: window.committed - window.disbursed,
      },
    };
  }
  for await (const donor of cofinancing.donors()) {
    yield {
      entity: 'donor',
      id: donor.donorId,
      keys: { fund_id: donor.fundId, donor_id: donor.donorId },
      name: donor.name,
      status: null,
      currency: donor.currency,
      amounts: { contributed: donor.contributed },
    };
  }
  for await (const year of cofinancing.beneficiaryYears()) {
    yield {
      entity: 'beneficiary-year',
      id: `${year.beneficiaryId}/${year.windowId}/${year.participationYear}`,
      keys: {
        fund_id: year.fundId,
        window_id: year.windowId,
        beneficiary_id: year.beneficiaryId,
        participation_year: year.participationYear,
      },
      name: year.name,
      status: null,
      currency: year.currency,
      amounts: {
        eligible_cost: year.eligibleCost,
        subsidy: year.subsidy,
        own_share: year.ownShare,
        invoiced: year.invoiced,
        disbursed: year.disbursed,
        released: year.released,
      },
    };
  }
  for await (const company of guarantees.companies()) {
    yield {
      entity: 'company',
      id: company.companyId,
      keys: { company_id: company.companyId },
      name: company.name,
      status: null,
      currency: company.currency,
      amounts: {
        capital_subscribed: company.capitalSubscribed,
        capital_paid: company.capitalPaid,
        fund_deposited: company.fundDeposited,
        fund_withdrawn: company.fundWithdrawn,
        fund_balance: company.fundBalance,
        ...guaranteed(company),
      },
    };
  }
  for await (const convention of guarantees.conventions()) {
    yield {
      entity: 'convention',
      id: convention.conventionId,
      keys: { company_id: convention.companyId, convention_id: convention.conventionId, bank_id: convention.bankId },
      name: null,
      status: convention.status,
      currency: convention.currency,
      amounts: {
        fund_balance: convention.fundBalance,
        capacity: convention.capacity,
        outstanding: convention.outstanding,
        headroom: convention.headroom,
        ...guaranteed(convention),
      },
    };
  }
  for await (const guarantee of guarantees.guarantees()) {
    yield {
      entity: 'guarantee',
      id: guarantee.guaranteeId,
      keys: {
        company_id: guarantee.companyId,
        convention_id: guarantee.conventionId,
        bank_id: guarantee.bankId,
        member_id: guarantee.memberId,
      },
      name: guarantee.loanReference,
      status: guarantee.status,
      currency: guarantee.currency,
      amounts: {
        principal: guarantee.principal,
        guaranteed_amount: guarantee.guaranteedAmount,
        outstanding_principal: guarantee.outstandingPrincipal,
        guaranteed_outstanding: guarantee.guaranteedOutstanding,
        claims_called: guarantee.claimAmount,
        claims_paid: guarantee.claimPaid,
        recoveries: guarantee.recovered,
      },
    };
  }
}
