import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { assertNever } from '@ledger/event-sourcing';
import { Ratio } from '@ledger/money';
import {
  capacityMinorOf,
  guaranteesCatalog,
  type CeilingBasis,
  type ConventionTerms,
  type GuaranteesEvent,
} from '../../domain';

export const GUARANTEES_TABLES = [
  'guarantee_federations',
  'guarantee_companies',
  'guarantee_members',
  'guarantee_fund_deposits',
  'guarantee_conventions',
  'guarantees',
] as const;

type Delta = Record<string, bigint | number>;

/**
 * All read models of the context, fed by one projection so that companies, conventions and
 * guarantees always show the same point of the log. Deterministic: rows depend on events only
 * (positions, business dates), never on the clock, so a rebuild gives identical rows.
 */
export class GuaranteesProjection implements Projection {
  readonly name = 'guarantees.read-models';
  readonly tables = GUARANTEES_TABLES;

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    if (!guaranteesCatalog.has(recorded.type)) return;
    const event = guaranteesCatalog.decode(recorded);
    await this.on(event, recorded.position.toString(), manager);
  }

  private async on(event: GuaranteesEvent, position: string, db: EntityManager): Promise<void> {
    switch (event.type) {
      // ---- federations -------------------------------------------------------------------------
      case 'guarantees.FederationRegistered':
        await db.query(
          `INSERT INTO guarantee_federations (federation_id, name, currency, registered_on, companies, last_position)
           VALUES ($1, $2, $3, $4, 0, $5)`,
          [event.federationId, event.name, event.currency, event.registeredOn, position],
        );
        return;
      case 'guarantees.CompanyAffiliated':
        await add(db, 'guarantee_federations', { federation_id: event.federationId }, { companies: 1 }, position);
        return;

      // ---- companies ---------------------------------------------------------------------------
      case 'guarantees.CompanyRegistered':
        await db.query(
          `INSERT INTO guarantee_companies (company_id, name, currency, federation_id, registered_on, last_position)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [event.companyId, event.name, event.currency, event.federationId, event.registeredOn, position],
        );
        return;
      case 'guarantees.MemberAdmitted':
        await db.query(
          `INSERT INTO guarantee_members (company_id, member_id, name, status, admitted_on, last_position)
           VALUES ($1, $2, $3, 'active', $4, $5)`,
          [event.companyId, event.memberId, event.name, event.admittedOn, position],
        );
        await add(db, 'guarantee_companies', company(event), { members_active: 1, members_total: 1 }, position);
        return;
      case 'guarantees.MemberLeft':
        await db.query(
          `UPDATE guarantee_members SET status = 'left', left_on = $3, last_position = $4
            WHERE company_id = $1 AND member_id = $2`,
          [event.companyId, event.memberId, event.leftOn, position],
        );
        await add(db, 'guarantee_companies', company(event), { members_active: -1 }, position);
        return;
      case 'guarantees.CapitalSubscribed':
        await add(db, 'guarantee_members', member(event), { capital_subscribed: event.amount.amountMinor }, position);
        await add(
          db,
          'guarantee_companies',
          company(event),
          { capital_subscribed: event.amount.amountMinor },
          position,
        );
        return;
      case 'guarantees.CapitalPaid':
        await add(db, 'guarantee_members', member(event), { capital_paid: event.amount.amountMinor }, position);
        await add(db, 'guarantee_companies', company(event), { capital_paid: event.amount.amountMinor }, position);
        return;
      case 'guarantees.GuaranteeFundDeposited':
        await db.query(
          `INSERT INTO guarantee_fund_deposits (company_id, deposit_id, bank_id, currency, amount, term_deposit_reference,
             deposited_on, matures_on, last_position, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
          [
            event.companyId,
            event.depositId,
            event.bankId,
            event.amount.currency.code,
            event.amount.toMinorString(),
            event.termDepositReference,
            event.depositedOn,
            event.maturesOn,
            position,
          ],
        );
        await fundMoved(
          db,
          event.companyId,
          { fund_deposited: event.amount.amountMinor },
          event.amount.amountMinor,
          position,
        );
        return;
      case 'guarantees.GuaranteeFundWithdrawn':
        await add(
          db,
          'guarantee_fund_deposits',
          { company_id: event.companyId, deposit_id: event.depositId },
          { withdrawn: event.amount.amountMinor },
          position,
        );
        await fundMoved(
          db,
          event.companyId,
          { fund_withdrawn: event.amount.amountMinor },
          -event.amount.amountMinor,
          position,
        );
        return;
      case 'guarantees.GuaranteeFundDepositReversed':
        await db.query(
          `UPDATE guarantee_fund_deposits
              SET reversed_on = $3, reversal_reason = $4, reversal_position = $5, moved_to_company_id = $6,
                  last_position = $5
            WHERE company_id = $1 AND deposit_id = $2`,
          [event.companyId, event.depositId, event.correctedOn, event.reason, position, event.movedToCompanyId],
        );
        await fundMoved(
          db,
          event.companyId,
          { fund_deposited: -event.amount.amountMinor },
          -event.amount.amountMinor,
          position,
        );
        return;
      case 'guarantees.MemberLoanGuaranteed':
        await add(db, 'guarantee_members', member(event), { guarantees_in_force: 1 }, position);
        return;
      case 'guarantees.MemberLoanRepaid':
        await add(db, 'guarantee_members', member(event), { guarantees_in_force: -1 }, position);
        return;
      case 'guarantees.MemberLoanDefaulted':
        await add(
          db,
          'guarantee_members',
          member(event),
          { guarantees_in_force: -1, defaults: event.claimAmount.isPositive() ? 1 : 0 },
          position,
        );
        return;
      case 'guarantees.ClaimPaidFromFund':
        await fundMoved(
          db,
          event.companyId,
          { claims_paid: event.amount.amountMinor },
          -event.amount.amountMinor,
          position,
        );
        await add(db, 'guarantee_conventions', convention(event), { claims_paid: event.amount.amountMinor }, position);
        return;
      case 'guarantees.RecoveryReturnedToFund':
        await fundMoved(
          db,
          event.companyId,
          { recoveries: event.amount.amountMinor },
          event.amount.amountMinor,
          position,
        );
        await add(db, 'guarantee_conventions', convention(event), { recoveries: event.amount.amountMinor }, position);
        if (event.defaultCured) await add(db, 'guarantee_members', member(event), { defaults: -1 }, position);
        return;

      // ---- conventions -------------------------------------------------------------------------
      case 'guarantees.BankConventionSigned': {
        const rows: { fund_balance: string }[] = await db.query(
          'SELECT fund_balance FROM guarantee_companies WHERE company_id = $1',
          [event.companyId],
        );
        await db.query(
          `INSERT INTO guarantee_conventions (convention_id, company_id, bank_id, currency, status, signed_on, valid_from,
             valid_until, terms_version, terms_effective_from, multiplier_numerator, multiplier_denominator,
             coverage_rate_bp, ceiling_basis, max_guaranteed_per_loan, fund_balance, last_position)
           VALUES ($1, $2, $3, $4, 'in-force', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            event.conventionId,
            event.companyId,
            event.bankId,
            event.currency,
            event.signedOn,
            event.validFrom,
            ...termsColumns(event.terms),
            rows[0]?.fund_balance ?? '0',
            position,
          ],
        );
        await refreshConvention(db, event.conventionId);
        return;
      }
      case 'guarantees.BankConventionAmended':
        await db.query(
          `UPDATE guarantee_conventions SET valid_until = $2, terms_version = $3, terms_effective_from = $4,
             multiplier_numerator = $5, multiplier_denominator = $6, coverage_rate_bp = $7, ceiling_basis = $8,
             max_guaranteed_per_loan = $9, last_position = $10
           WHERE convention_id = $1`,
          [event.conventionId, ...termsColumns(event.terms), position],
        );
        await refreshConvention(db, event.conventionId);
        return;
      case 'guarantees.BankConventionTerminated':
        await db.query(
          `UPDATE guarantee_conventions SET status = 'terminated', terminated_on = $2, last_position = $3
            WHERE convention_id = $1`,
          [event.conventionId, event.terminatedOn, position],
        );
        return;
      case 'guarantees.ConventionExposureAdded': {
        const figures = {
          outstanding_principal: event.principal.amountMinor,
          guaranteed_outstanding: event.guaranteedAmount.amountMinor,
          guarantees_in_force: 1,
        };
        await add(
          db,
          'guarantee_conventions',
          convention(event),
          { ...figures, guarantees_issued: 1, credit_mobilised: event.principal.amountMinor },
          position,
        );
        await refreshConvention(db, event.conventionId);
        await add(
          db,
          'guarantee_companies',
          company(event),
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
        await add(db, 'guarantee_conventions', convention(event), figures, position);
        await refreshConvention(db, event.conventionId);
        await add(db, 'guarantee_companies', company(event), figures, position);
        return;
      }

      case 'guarantees.ConventionExposureRestored': {
        const figures = {
          outstanding_principal: event.principal.amountMinor,
          guaranteed_outstanding: event.guaranteed.amountMinor,
        };
        await add(db, 'guarantee_conventions', convention(event), figures, position);
        await refreshConvention(db, event.conventionId);
        await add(db, 'guarantee_companies', company(event), figures, position);
        return;
      }

      // ---- guarantees --------------------------------------------------------------------------
      case 'guarantees.GuaranteeIssued':
        await db.query(
          `INSERT INTO guarantees (guarantee_id, company_id, convention_id, bank_id, member_id, loan_reference, currency,
             status, principal, coverage_rate_bp, guaranteed_amount, outstanding_principal, guaranteed_outstanding,
             terms_version, loan_start_date, maturity_date, issued_on, last_position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $10, $8, $10, $11, $12, $13, $14, $15)`,
          [
            event.guaranteeId,
            event.companyId,
            event.conventionId,
            event.bankId,
            event.memberId,
            event.loanReference,
            event.principal.currency.code,
            event.principal.toMinorString(),
            event.coverageRate.value,
            event.guaranteedAmount.toMinorString(),
            event.termsVersion,
            event.loanStartDate,
            event.maturityDate,
            event.issuedOn,
            position,
          ],
        );
        return;
      case 'guarantees.LoanRepaymentRecorded':
      case 'guarantees.LoanRepaymentReversed':
        await db.query(
          `UPDATE guarantees SET outstanding_principal = $2, guaranteed_outstanding = $3, last_position = $4
            WHERE guarantee_id = $1`,
          [
            event.guaranteeId,
            event.outstandingPrincipal.toMinorString(),
            event.guaranteedOutstanding.toMinorString(),
            position,
          ],
        );
        return;
      case 'guarantees.GuaranteeReleased':
        await db.query(
          `UPDATE guarantees SET status = 'released', released_on = $2, last_position = $3 WHERE guarantee_id = $1`,
          [event.guaranteeId, event.releasedOn, position],
        );
        return;
      case 'guarantees.GuaranteeCalled': {
        await db.query(
          `UPDATE guarantees SET status = 'called', called_on = $2, outstanding_at_default = $3, claim_amount = $4,
             outstanding_principal = 0, guaranteed_outstanding = 0, last_position = $5
           WHERE guarantee_id = $1`,
          [
            event.guaranteeId,
            event.calledOn,
            event.outstandingAtDefault.toMinorString(),
            event.claimAmount.toMinorString(),
            position,
          ],
        );
        const [row]: { company_id: string; convention_id: string }[] = await db.query(
          'SELECT company_id, convention_id FROM guarantees WHERE guarantee_id = $1',
          [event.guaranteeId],
        );
        const call = { calls: 1, claims_called: event.claimAmount.amountMinor };
        await add(db, 'guarantee_conventions', { convention_id: row.convention_id }, call, position);
        await add(db, 'guarantee_companies', { company_id: row.company_id }, call, position);
        return;
      }
      case 'guarantees.GuaranteeClaimPaid':
        await add(
          db,
          'guarantees',
          { guarantee_id: event.guaranteeId },
          { claim_paid: event.amount.amountMinor },
          position,
        );
        return;
      case 'guarantees.GuaranteeRecoveryRecorded':
        await add(
          db,
          'guarantees',
          { guarantee_id: event.guaranteeId },
          { recovered: event.amount.amountMinor },
          position,
        );
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
        // Reservations are not balances: what they hold is read from ledger_proposals (pending rows).
        return;
      default:
        assertNever(event);
    }
  }
}

const company = (event: { readonly companyId: string }) => ({ company_id: event.companyId });
const member = (event: { readonly companyId: string; readonly memberId: string }) => ({
  company_id: event.companyId,
  member_id: event.memberId,
});
const convention = (event: { readonly conventionId: string }) => ({ convention_id: event.conventionId });

function termsColumns(terms: ConventionTerms): (string | number | null)[] {
  return [
    terms.validUntil,
    terms.version,
    terms.effectiveFrom,
    terms.multiplier.numerator.toString(),
    terms.multiplier.denominator.toString(),
    terms.coverageRate.value,
    terms.ceilingBasis,
    terms.maxGuaranteedPerLoan?.toMinorString() ?? null,
  ];
}

/** Adds deltas to the columns of one row (exact numeric arithmetic in SQL) and stamps the position. */
async function add(
  db: EntityManager,
  table: string,
  key: Record<string, string>,
  deltas: Delta,
  position: string,
): Promise<void> {
  const keyColumns = Object.keys(key);
  const deltaColumns = Object.keys(deltas);
  const params: (string | number)[] = [...keyColumns.map((column) => key[column])];
  const sets = deltaColumns.map((column) => {
    params.push(deltas[column].toString());
    return `${column} = ${column} + $${params.length}`;
  });
  params.push(position);
  sets.push(`last_position = $${params.length}`);
  const where = keyColumns.map((column, index) => `${column} = $${index + 1}`).join(' AND ');
  await db.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${where}`, params);
}

/** The guarantee fund moved: the company's figures, and the capacity of each of its conventions. */
async function fundMoved(
  db: EntityManager,
  companyId: string,
  figures: Delta,
  change: bigint,
  position: string,
): Promise<void> {
  await add(db, 'guarantee_companies', { company_id: companyId }, { ...figures, fund_balance: change }, position);
  const conventions: { convention_id: string }[] = await db.query(
    'SELECT convention_id FROM guarantee_conventions WHERE company_id = $1 ORDER BY convention_id',
    [companyId],
  );
  for (const { convention_id } of conventions) {
    await add(db, 'guarantee_conventions', { convention_id }, { fund_balance: change }, position);
    await refreshConvention(db, convention_id);
  }
}

/**
 * capacity = floor(fund × multiplier) (exact, bounded by the largest amount the ledger holds, as every
 * decision computes it), outstanding by basis, headroom: nothing here can fail on a recorded event.
 */
async function refreshConvention(db: EntityManager, conventionId: string): Promise<void> {
  const [row]: {
    fund_balance: string;
    multiplier_numerator: string;
    multiplier_denominator: string;
    ceiling_basis: CeilingBasis;
    outstanding_principal: string;
    guaranteed_outstanding: string;
  }[] = await db.query(
    `SELECT fund_balance, multiplier_numerator, multiplier_denominator, ceiling_basis,
            outstanding_principal, guaranteed_outstanding
       FROM guarantee_conventions WHERE convention_id = $1`,
    [conventionId],
  );
  const capacity = capacityMinorOf(
    BigInt(row.fund_balance),
    Ratio.of(BigInt(row.multiplier_numerator), BigInt(row.multiplier_denominator)),
  );
  const outstanding = row.ceiling_basis === 'loan-principal' ? row.outstanding_principal : row.guaranteed_outstanding;
  const headroom = capacity - BigInt(outstanding);
  await db.query(
    'UPDATE guarantee_conventions SET capacity = $2, outstanding = $3, headroom = $4 WHERE convention_id = $1',
    [conventionId, capacity.toString(), outstanding, headroom.toString()],
  );
}
