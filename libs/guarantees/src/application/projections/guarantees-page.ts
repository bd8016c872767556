import type { EntityManager } from 'typeorm';
import { assertNever } from '@ledger/event-sourcing';
import { Ratio } from '@ledger/money';
import { capacityMinorOf, normalizeLoanReference, type ConventionTerms, type GuaranteesEvent } from '../../domain';
import { PageTable, type Row } from './page-table';
import {
  companiesTable,
  conventionsTable,
  depositsTable,
  federationsTable,
  guaranteesTable,
  membersTable,
} from './guarantees-tables';

/** A decoded event and its log position. */
export interface PositionedEvent {
  readonly event: GuaranteesEvent;
  readonly position: bigint;
}

type Deltas = Record<string, bigint | number>;

/**
 * A page of guarantees events applied to the six read-model tables: the rows it touches read once
 * (a SELECT per table), the events folded into them in log order in memory, exactly as one UPDATE
 * or INSERT per change would, then written back with an UPDATE and an INSERT per table.
 */
export class GuaranteesPage {
  private readonly federations = new PageTable(federationsTable);
  private readonly companies = new PageTable(companiesTable);
  private readonly members = new PageTable(membersTable);
  private readonly deposits = new PageTable(depositsTable);
  private readonly conventions = new PageTable(conventionsTable);
  private readonly guarantees = new PageTable(guaranteesTable);

  /** Reads the rows the page touches, applies its events, writes the rows back. */
  static async apply(events: readonly PositionedEvent[], db: EntityManager): Promise<void> {
    const page = new GuaranteesPage();
    await page.read(events, db);
    for (const { event, position } of events) page.on(event, position);
    await page.write(db);
  }

  private get tables(): PageTable[] {
    return [this.federations, this.companies, this.members, this.deposits, this.conventions, this.guarantees];
  }

  private async read(events: readonly PositionedEvent[], db: EntityManager): Promise<void> {
    // A call reaches its convention and company through the guarantee's row: those first.
    const issued = new Map<string, { companyId: string; conventionId: string }>();
    const called: string[] = [];
    for (const { event } of events) {
      if (event.type === 'guarantees.GuaranteeIssued') issued.set(event.guaranteeId, event);
      if (event.type === 'guarantees.GuaranteeCalled') called.push(event.guaranteeId);
      this.want(event);
    }
    await this.guarantees.load(db);
    for (const guaranteeId of called) {
      const row = this.guarantees.get(guaranteeId);
      const owner = row
        ? { companyId: row.company_id as string, conventionId: row.convention_id as string }
        : issued.get(guaranteeId);
      if (owner) {
        this.companies.want(owner.companyId);
        this.conventions.want(owner.conventionId);
      }
    }
    for (const table of this.tables) if (table !== this.guarantees) await table.load(db);
  }

  private async write(db: EntityManager): Promise<void> {
    for (const table of this.tables) await table.write(db);
  }

  /** The rows an event reads or changes without inserting them. */
  private want(event: GuaranteesEvent): void {
    switch (event.type) {
      case 'guarantees.CompanyAffiliated':
        return this.federations.want(event.federationId);
      case 'guarantees.MemberAdmitted':
        return this.companies.want(event.companyId);
      case 'guarantees.MemberLeft':
      case 'guarantees.CapitalSubscribed':
      case 'guarantees.CapitalPaid':
        this.members.want(event.companyId, event.memberId);
        return this.companies.want(event.companyId);
      case 'guarantees.GuaranteeFundDeposited':
        return this.fundMoves(event.companyId);
      case 'guarantees.GuaranteeFundWithdrawn':
      case 'guarantees.GuaranteeFundDepositReversed':
        this.deposits.want(event.companyId, event.depositId);
        return this.fundMoves(event.companyId);
      case 'guarantees.MemberLoanGuaranteed':
      case 'guarantees.MemberLoanRepaid':
      case 'guarantees.MemberLoanDefaulted':
        return this.members.want(event.companyId, event.memberId);
      case 'guarantees.ClaimPaidFromFund':
        this.conventions.want(event.conventionId);
        return this.fundMoves(event.companyId);
      case 'guarantees.RecoveryReturnedToFund':
        this.conventions.want(event.conventionId);
        this.members.want(event.companyId, event.memberId);
        return this.fundMoves(event.companyId);
      case 'guarantees.BankConventionSigned':
        return this.companies.want(event.companyId);
      case 'guarantees.BankConventionAmended':
      case 'guarantees.BankConventionTerminated':
        return this.conventions.want(event.conventionId);
      case 'guarantees.ConventionExposureAdded':
      case 'guarantees.ConventionExposureReduced':
      case 'guarantees.ConventionExposureRestored':
        this.conventions.want(event.conventionId);
        return this.companies.want(event.companyId);
      case 'guarantees.LoanRepaymentRecorded':
      case 'guarantees.LoanRepaymentReversed':
      case 'guarantees.GuaranteeReleased':
      case 'guarantees.GuaranteeCalled':
      case 'guarantees.GuaranteeClaimPaid':
      case 'guarantees.GuaranteeRecoveryRecorded':
        return this.guarantees.want(event.guaranteeId);
      default:
        return;
    }
  }

  private fundMoves(companyId: string): void {
    this.companies.want(companyId);
    this.conventions.wantWhere(companyId);
  }

  private on(event: GuaranteesEvent, position: bigint): void {
    switch (event.type) {
      // ---- federations -------------------------------------------------------------------------
      case 'guarantees.FederationRegistered':
        this.federations.insert({
          federation_id: event.federationId,
          name: event.name,
          currency: event.currency,
          registered_on: event.registeredOn,
          last_position: position,
        });
        return;
      case 'guarantees.CompanyAffiliated':
        this.federations.add([event.federationId], { companies: 1 }, position);
        return;

      // ---- companies ---------------------------------------------------------------------------
      case 'guarantees.CompanyRegistered':
        this.companies.insert({
          company_id: event.companyId,
          name: event.name,
          currency: event.currency,
          federation_id: event.federationId,
          registered_on: event.registeredOn,
          last_position: position,
        });
        return;
      case 'guarantees.MemberAdmitted':
        this.members.insert({
          company_id: event.companyId,
          member_id: event.memberId,
          name: event.name,
          status: 'active',
          admitted_on: event.admittedOn,
          last_position: position,
        });
        this.companies.add([event.companyId], { members_active: 1, members_total: 1 }, position);
        return;
      case 'guarantees.MemberLeft':
        this.members.set([event.companyId, event.memberId], {
          status: 'left',
          left_on: event.leftOn,
          last_position: position,
        });
        this.companies.add([event.companyId], { members_active: -1 }, position);
        return;
      case 'guarantees.CapitalSubscribed':
        this.members.add([event.companyId, event.memberId], { capital_subscribed: event.amount.amountMinor }, position);
        this.companies.add([event.companyId], { capital_subscribed: event.amount.amountMinor }, position);
        return;
      case 'guarantees.CapitalPaid':
        this.members.add([event.companyId, event.memberId], { capital_paid: event.amount.amountMinor }, position);
        this.companies.add([event.companyId], { capital_paid: event.amount.amountMinor }, position);
        return;
      case 'guarantees.GuaranteeFundDeposited':
        this.deposits.insert({
          company_id: event.companyId,
          deposit_id: event.depositId,
          bank_id: event.bankId,
          currency: event.amount.currency.code,
          amount: event.amount.amountMinor,
          term_deposit_reference: event.termDepositReference,
          deposited_on: event.depositedOn,
          matures_on: event.maturesOn,
          last_position: position,
          position,
        });
        this.fundMoved(
          event.companyId,
          { fund_deposited: event.amount.amountMinor },
          event.amount.amountMinor,
          position,
        );
        return;
      case 'guarantees.GuaranteeFundWithdrawn':
        this.deposits.add([event.companyId, event.depositId], { withdrawn: event.amount.amountMinor }, position);
        this.fundMoved(
          event.companyId,
          { fund_withdrawn: event.amount.amountMinor },
          -event.amount.amountMinor,
          position,
        );
        return;
      case 'guarantees.GuaranteeFundDepositReversed':
        this.deposits.set([event.companyId, event.depositId], {
          reversed_on: event.correctedOn,
          reversal_reason: event.reason,
          reversal_position: position,
          moved_to_company_id: event.movedToCompanyId,
          last_position: position,
        });
        this.fundMoved(
          event.companyId,
          { fund_deposited: -event.amount.amountMinor },
          -event.amount.amountMinor,
          position,
        );
        return;
      case 'guarantees.MemberLoanGuaranteed':
        this.members.add([event.companyId, event.memberId], { guarantees_in_force: 1 }, position);
        return;
      case 'guarantees.MemberLoanRepaid':
        this.members.add([event.companyId, event.memberId], { guarantees_in_force: -1 }, position);
        return;
      case 'guarantees.MemberLoanDefaulted':
        this.members.add(
          [event.companyId, event.memberId],
          { guarantees_in_force: -1, defaults: event.claimAmount.isPositive() ? 1 : 0 },
          position,
        );
        return;
      case 'guarantees.ClaimPaidFromFund':
        this.fundMoved(event.companyId, { claims_paid: event.amount.amountMinor }, -event.amount.amountMinor, position);
        this.conventions.add([event.conventionId], { claims_paid: event.amount.amountMinor }, position);
        return;
      case 'guarantees.RecoveryReturnedToFund':
        this.fundMoved(event.companyId, { recoveries: event.amount.amountMinor }, event.amount.amountMinor, position);
        this.conventions.add([event.conventionId], { recoveries: event.amount.amountMinor }, position);
        if (event.defaultCured) this.members.add([event.companyId, event.memberId], { defaults: -1 }, position);
        return;

      // ---- conventions -------------------------------------------------------------------------
      case 'guarantees.BankConventionSigned':
        this.conventions.insert({
          convention_id: event.conventionId,
          company_id: event.companyId,
          bank_id: event.bankId,
          currency: event.currency,
          status: 'in-force',
          signed_on: event.signedOn,
          valid_from: event.validFrom,
          ...termsColumns(event.terms),
          fund_balance: this.companies.get(event.companyId)?.fund_balance ?? 0n,
          last_position: position,
        });
        this.refreshConvention(event.conventionId);
        return;
      case 'guarantees.BankConventionAmended':
        this.conventions.set([event.conventionId], { ...termsColumns(event.terms), last_position: position });
        this.refreshConvention(event.conventionId);
        return;
      case 'guarantees.BankConventionTerminated':
        this.conventions.set([event.conventionId], {
          status: 'terminated',
          terminated_on: event.terminatedOn,
          last_position: position,
        });
        return;
      case 'guarantees.ConventionExposureAdded': {
        const figures = {
          outstanding_principal: event.principal.amountMinor,
          guaranteed_outstanding: event.guaranteedAmount.amountMinor,
          guarantees_in_force: 1,
        };
        this.conventions.add(
          [event.conventionId],
          { ...figures, guarantees_issued: 1, credit_mobilised: event.principal.amountMinor },
          position,
        );
        this.refreshConvention(event.conventionId);
        this.companies.add(
          [event.companyId],
          {
            ...figures,
            guarantees_issued: 1,
            credit_mobilised: event.principal.amountMinor,
            guaranteed_issued: event.guaranteedAmount.amountMinor,
          },
          position,
        );
        return;
      }
      case 'guarantees.ConventionExposureReduced': {
        const figures = {
          outstanding_principal: -event.principal.amountMinor,
          guaranteed_outstanding: -event.guaranteed.amountMinor,
          guarantees_in_force: event.reason === 'repayment' ? 0 : -1,
        };
        this.conventions.add([event.conventionId], figures, position);
        this.refreshConvention(event.conventionId);
        this.companies.add([event.companyId], figures, position);
        return;
      }
      case 'guarantees.ConventionExposureRestored': {
        const figures = {
          outstanding_principal: event.principal.amountMinor,
          guaranteed_outstanding: event.guaranteed.amountMinor,
        };
        this.conventions.add([event.conventionId], figures, position);
        this.refreshConvention(event.conventionId);
        this.companies.add([event.companyId], figures, position);
        return;
      }

      // ---- guarantees --------------------------------------------------------------------------
      case 'guarantees.GuaranteeIssued':
        this.guarantees.insert({
          guarantee_id: event.guaranteeId,
          company_id: event.companyId,
          convention_id: event.conventionId,
          bank_id: event.bankId,
          member_id: event.memberId,
          // Events recorded before the rule carry the reference as typed: one rule for every row.
          loan_reference: normalizeLoanReference(event.loanReference),
          currency: event.principal.currency.code,
          status: 'active',
          principal: event.principal.amountMinor,
          coverage_rate_bp: event.coverageRate.value,
          guaranteed_amount: event.guaranteedAmount.amountMinor,
          outstanding_principal: event.principal.amountMinor,
          guaranteed_outstanding: event.guaranteedAmount.amountMinor,
          terms_version: event.termsVersion,
          loan_start_date: event.loanStartDate,
          maturity_date: event.maturityDate,
          issued_on: event.issuedOn,
          last_position: position,
        });
        return;
      case 'guarantees.LoanRepaymentRecorded':
      case 'guarantees.LoanRepaymentReversed':
        this.guarantees.set([event.guaranteeId], {
          outstanding_principal: event.outstandingPrincipal.amountMinor,
          guaranteed_outstanding: event.guaranteedOutstanding.amountMinor,
          last_position: position,
        });
        return;
      case 'guarantees.GuaranteeReleased':
        this.guarantees.set([event.guaranteeId], {
          status: 'released',
          released_on: event.releasedOn,
          last_position: position,
        });
        return;
      case 'guarantees.GuaranteeCalled': {
        this.guarantees.set([event.guaranteeId], {
          status: 'called',
          called_on: event.calledOn,
          outstanding_at_default: event.outstandingAtDefault.amountMinor,
          claim_amount: event.claimAmount.amountMinor,
          outstanding_principal: 0n,
          guaranteed_outstanding: 0n,
          last_position: position,
        });
        const row = this.guarantees.get(event.guaranteeId);
        if (!row) throw new Error(`guarantee ${event.guaranteeId} called but not in guarantees`);
        const call = { calls: 1, claims_called: event.claimAmount.amountMinor };
        this.conventions.add([row.convention_id as string], call, position);
        this.companies.add([row.company_id as string], call, position);
        return;
      }
      case 'guarantees.GuaranteeClaimPaid':
        this.guarantees.add([event.guaranteeId], { claim_paid: event.amount.amountMinor }, position);
        this.guarantees.set([event.guaranteeId], { claim_last_paid_on: event.paidOn });
        return;
      case 'guarantees.GuaranteeRecoveryRecorded':
        this.guarantees.add([event.guaranteeId], { recovered: event.amount.amountMinor }, position);
        this.guarantees.set([event.guaranteeId], { last_recovered_on: event.receivedOn });
        return;
      case 'guarantees.BankLoanGuaranteed':
        // The bank loan stream only enforces uniqueness; the guarantee row already carries the pair.
        return;

      // ---- four-eyes -----------------------------------------------------------------------------
      case 'guarantees.CompanyApprovalPolicySet':
      case 'guarantees.CompanyReservationMade':
      case 'guarantees.CompanyReservationReleased':
      case 'guarantees.ConventionExposureReserved':
      case 'guarantees.ConventionReservationReleased':
      case 'guarantees.BankLoanReserved':
      case 'guarantees.BankLoanReservationReleased':
      case 'guarantees.RepaymentReversalProposed':
      case 'guarantees.RepaymentReversalProposalSettled':
      case 'guarantees.CompanyConventionSigned':
        // The company's list of its conventions: the conventions table has them already.
        // Reservations are not balances: what they hold is read from ledger_proposals (pending rows).
        return;
      default:
        assertNever(event);
    }
  }

  /** The guarantee fund moved: the company's figures, and the capacity of each of its conventions. */
  private fundMoved(companyId: string, figures: Deltas, change: bigint, position: bigint): void {
    this.companies.add([companyId], { ...figures, fund_balance: change }, position);
    for (const key of this.conventions.where(companyId)) {
      this.conventions.add(key, { fund_balance: change }, position);
      this.refreshConvention(key[0]);
    }
  }

  /**
   * capacity = floor(fund × multiplier) (exact, bounded by the largest amount the ledger holds, as every
   * decision computes it), outstanding by basis, headroom: nothing here can fail on a recorded event.
   */
  private refreshConvention(conventionId: string): void {
    const row = this.conventions.get(conventionId);
    if (!row) throw new Error(`convention ${conventionId} not in guarantee_conventions`);
    const capacity = capacityMinorOf(
      row.fund_balance as bigint,
      Ratio.of(row.multiplier_numerator as bigint, row.multiplier_denominator as bigint),
    );
    const outstanding = (
      row.ceiling_basis === 'loan-principal' ? row.outstanding_principal : row.guaranteed_outstanding
    ) as bigint;
    this.conventions.set([conventionId], { capacity, outstanding, headroom: capacity - outstanding });
  }
}

function termsColumns(terms: ConventionTerms): Row {
  return {
    valid_until: terms.validUntil,
    terms_version: terms.version,
    terms_effective_from: terms.effectiveFrom,
    multiplier_numerator: terms.multiplier.numerator,
    multiplier_denominator: terms.multiplier.denominator,
    coverage_rate_bp: terms.coverageRate.value,
    ceiling_basis: terms.ceilingBasis,
    max_guaranteed_per_loan: terms.maxGuaranteedPerLoan?.amountMinor ?? null,
  };
}
