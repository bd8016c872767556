import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteeBalancesAsOf } from '../as-of/guarantee-balances-as-of.service';
import { GuaranteesReadModel } from './guarantees.read-model';
import { loanCoverageView } from './loan-coverage.view';
import { ListBankGuaranteesQuery, type BankLoanView } from './list-bank-guarantees.query';

type AsOfGuarantee = Awaited<ReturnType<GuaranteeBalancesAsOf['guarantees']>>['items'][number];

@QueryHandler(ListBankGuaranteesQuery)
export class ListBankGuaranteesHandler implements IQueryHandler<ListBankGuaranteesQuery> {
  constructor(
    private readonly readModel: GuaranteesReadModel,
    private readonly balancesAsOf: GuaranteeBalancesAsOf,
  ) {}

  async execute({ bankId, at }: ListBankGuaranteesQuery) {
    const loans = await this.readModel.loansOfBank(bankId);
    if (at === null) return { items: loans };
    // A guarantee's bank never changes: the live list names them, the projection gives their figures then.
    const { items, ...stamp } = await this.balancesAsOf.guarantees(
      loans.map((loan) => String(loan.guaranteeId)),
      at,
    );
    return { ...stamp, items: items.map((guarantee) => asOfLoanView(bankId, guarantee)) };
  }
}

/**
 * A guarantee as of a date in the shape of the live answer; the projection keeps no dates of the
 * release, call, payments or recoveries (null) and no read-model position.
 */
function asOfLoanView(bankId: string, g: AsOfGuarantee): BankLoanView {
  const { position: _position, ...view } = loanCoverageView(bankId, String(g.loanReference), {
    guarantee_id: g.guaranteeId,
    convention_id: String(g.conventionId),
    loan_reference: String(g.loanReference),
    currency: g.principal.currency,
    status: g.status,
    coverage_rate_bp: Number(g.coverageRateBp),
    principal: g.principal.amountMinor,
    guaranteed_amount: g.guaranteedAmount.amountMinor,
    outstanding_principal: g.outstandingPrincipal.amountMinor,
    guaranteed_outstanding: g.guaranteedOutstanding.amountMinor,
    outstanding_at_default: g.outstandingAtDefault?.amountMinor ?? null,
    claim_amount: g.claim?.amountMinor ?? null,
    claim_paid: g.claimPaid.amountMinor,
    recovered: g.recovered.amountMinor,
    loan_start_date: g.loanStartDate === undefined ? null : String(g.loanStartDate),
    maturity_date: g.maturityDate === undefined ? null : String(g.maturityDate),
    issued_on: g.issuedOn,
    released_on: null,
    called_on: null,
    claim_last_paid_on: null,
    last_recovered_on: null,
    last_position: null,
  });
  return view as BankLoanView;
}
