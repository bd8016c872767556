import type { RecordedEvent } from '@ledger/event-store';
import {
  assertNever,
  BalanceLedger,
  BalancesProjection,
  type BalanceEffects,
  type BalanceMovement,
  type JsonObject,
} from '@ledger/event-sourcing';
import { guaranteesCatalog, normalizeLoanReference, type ConventionTerms, type GuaranteesEvent } from '../../domain';

/**
 * The mutual guarantee balances as additive movements. Entities and their metrics:
 *   company     membersActive, membersTotal, capitalSubscribed, capitalPaid, fundDeposited, fundWithdrawn,
 *               claimsPaid, recoveries, guaranteesIssued, guaranteesInForce, creditMobilised,
 *               guaranteedIssued, outstandingPrincipal, guaranteedOutstanding, calls, claimsCalled
 *   convention  outstandingPrincipal, guaranteedOutstanding, guaranteesIssued, guaranteesInForce,
 *               creditMobilised, calls, claimsCalled, claimsPaid, recoveries, terminated
 *   guarantee   issued, released, called, outstandingPrincipal, guaranteedOutstanding, claim,
 *               outstandingAtDefault, claimPaid, recovered
 * The fund balance is deposited − withdrawn − claims paid + recoveries; capacity, outstanding by
 * ceiling basis, headroom and the rates are computed when read, with the convention's terms in
 * force on the date (terms are versioned by effective date in `_terms`).
 */
export const guaranteeBalances = new BalanceLedger({ prefix: 'guarantee_asof' });

export const GUARANTEE_BALANCES_PROJECTION = 'guarantees.balances-as-of';

export const guaranteeBalancesProjection = new BalancesProjection(
  GUARANTEE_BALANCES_PROJECTION,
  guaranteeBalances,
  (recorded: RecordedEvent) =>
    guaranteesCatalog.has(recorded.type) ? guaranteeBalanceEffects(guaranteesCatalog.decode(recorded)) : null,
);

function termsJson(terms: ConventionTerms): JsonObject {
  return {
    multiplier: terms.multiplier.toString(),
    coverageRateBp: terms.coverageRate.value,
    ceilingBasis: terms.ceilingBasis,
    maxGuaranteedPerLoan: terms.maxGuaranteedPerLoan?.toMinorString() ?? null,
    validUntil: terms.validUntil,
  };
}

export function guaranteeBalanceEffects(event: GuaranteesEvent): BalanceEffects {
  const company = (id: string, metric: string, delta: bigint): BalanceMovement => ({
    kind: 'company',
    id,
    metric,
    delta,
  });
  const convention = (id: string, metric: string, delta: bigint): BalanceMovement => ({
    kind: 'convention',
    id,
    metric,
    delta,
  });
  const guarantee = (id: string, metric: string, delta: bigint): BalanceMovement => ({
    kind: 'guarantee',
    id,
    metric,
    delta,
  });
  switch (event.type) {
    case 'guarantees.FederationRegistered':
      return {
        movements: [],
        entities: [
          {
            kind: 'federation',
            id: event.federationId,
            name: event.name,
            currency: event.currency,
            createdOn: event.registeredOn,
          },
        ],
      };
    case 'guarantees.CompanyRegistered':
      return {
        movements: [],
        entities: [
          {
            kind: 'company',
            parentId: event.federationId ?? '',
            id: event.companyId,
            name: event.name,
            currency: event.currency,
            createdOn: event.registeredOn,
          },
        ],
      };
    case 'guarantees.MemberAdmitted':
      return {
        movements: [company(event.companyId, 'membersActive', 1n), company(event.companyId, 'membersTotal', 1n)],
      };
    case 'guarantees.MemberLeft':
      return { movements: [company(event.companyId, 'membersActive', -1n)] };
    case 'guarantees.CapitalSubscribed':
      return { movements: [company(event.companyId, 'capitalSubscribed', event.amount.amountMinor)] };
    case 'guarantees.CapitalPaid':
      return { movements: [company(event.companyId, 'capitalPaid', event.amount.amountMinor)] };
    case 'guarantees.GuaranteeFundDeposited':
      return { movements: [company(event.companyId, 'fundDeposited', event.amount.amountMinor)] };
    case 'guarantees.GuaranteeFundDepositReversed':
      // Recorded with the deposit's business time: as of its date it nets to zero from now on,
      // while as known before the correction the deposit still counts.
      return { movements: [company(event.companyId, 'fundDeposited', -event.amount.amountMinor)] };
    case 'guarantees.GuaranteeFundWithdrawn':
      return { movements: [company(event.companyId, 'fundWithdrawn', event.amount.amountMinor)] };
    case 'guarantees.MemberLoanDefaulted':
      return {
        movements: [
          company(event.companyId, 'calls', 1n),
          company(event.companyId, 'claimsCalled', event.claimAmount.amountMinor),
          convention(event.conventionId, 'calls', 1n),
          convention(event.conventionId, 'claimsCalled', event.claimAmount.amountMinor),
        ],
      };
    case 'guarantees.ClaimPaidFromFund':
      return {
        movements: [
          company(event.companyId, 'claimsPaid', event.amount.amountMinor),
          convention(event.conventionId, 'claimsPaid', event.amount.amountMinor),
        ],
      };
    case 'guarantees.RecoveryReturnedToFund':
      return {
        movements: [
          company(event.companyId, 'recoveries', event.amount.amountMinor),
          convention(event.conventionId, 'recoveries', event.amount.amountMinor),
        ],
      };
    case 'guarantees.BankConventionSigned':
      return {
        movements: [],
        entities: [
          {
            kind: 'convention',
            parentId: event.companyId,
            id: event.conventionId,
            currency: event.currency,
            createdOn: event.signedOn,
            details: { bankId: event.bankId, validFrom: event.validFrom, signedOn: event.signedOn },
          },
        ],
        terms: [
          {
            kind: 'convention',
            id: event.conventionId,
            version: event.terms.version,
            effectiveFrom: event.terms.effectiveFrom,
            terms: termsJson(event.terms),
          },
        ],
      };
    case 'guarantees.BankConventionAmended':
      return {
        movements: [],
        terms: [
          {
            kind: 'convention',
            id: event.conventionId,
            version: event.terms.version,
            effectiveFrom: event.terms.effectiveFrom,
            terms: termsJson(event.terms),
          },
        ],
      };
    case 'guarantees.BankConventionTerminated':
      return { movements: [convention(event.conventionId, 'terminated', 1n)] };
    case 'guarantees.ConventionExposureAdded': {
      const [principal, guaranteed] = [event.principal.amountMinor, event.guaranteedAmount.amountMinor];
      const exposure = (make: typeof company, id: string) => [
        make(id, 'outstandingPrincipal', principal),
        make(id, 'guaranteedOutstanding', guaranteed),
        make(id, 'guaranteesIssued', 1n),
        make(id, 'guaranteesInForce', 1n),
        make(id, 'creditMobilised', principal),
      ];
      return {
        movements: [
          ...exposure(convention, event.conventionId),
          ...exposure(company, event.companyId),
          company(event.companyId, 'guaranteedIssued', guaranteed),
          guarantee(event.guaranteeId, 'outstandingPrincipal', principal),
          guarantee(event.guaranteeId, 'guaranteedOutstanding', guaranteed),
        ],
      };
    }
    case 'guarantees.ConventionExposureReduced': {
      const [principal, guaranteed] = [event.principal.amountMinor, event.guaranteed.amountMinor];
      const inForce = event.reason === 'repayment' ? 0n : -1n;
      const exposure = (make: typeof company, id: string) => [
        make(id, 'outstandingPrincipal', -principal),
        make(id, 'guaranteedOutstanding', -guaranteed),
        make(id, 'guaranteesInForce', inForce),
      ];
      return {
        movements: [
          ...exposure(convention, event.conventionId),
          ...exposure(company, event.companyId),
          guarantee(event.guaranteeId, 'outstandingPrincipal', -principal),
          guarantee(event.guaranteeId, 'guaranteedOutstanding', -guaranteed),
        ],
      };
    }
    case 'guarantees.ConventionExposureRestored': {
      const [principal, guaranteed] = [event.principal.amountMinor, event.guaranteed.amountMinor];
      const exposure = (make: typeof company, id: string) => [
        make(id, 'outstandingPrincipal', principal),
        make(id, 'guaranteedOutstanding', guaranteed),
      ];
      return {
        movements: [
          ...exposure(convention, event.conventionId),
          ...exposure(company, event.companyId),
          guarantee(event.guaranteeId, 'outstandingPrincipal', principal),
          guarantee(event.guaranteeId, 'guaranteedOutstanding', guaranteed),
        ],
      };
    }
    case 'guarantees.GuaranteeIssued':
      return {
        movements: [guarantee(event.guaranteeId, 'issued', 1n)],
        entities: [
          {
            kind: 'guarantee',
            parentId: event.conventionId,
            id: event.guaranteeId,
            currency: event.principal.currency.code,
            createdOn: event.issuedOn,
            details: {
              companyId: event.companyId,
              bankId: event.bankId,
              memberId: event.memberId,
              loanReference: normalizeLoanReference(event.loanReference),
              principal: event.principal.toMinorString(),
              coverageRateBp: event.coverageRate.value,
              guaranteedAmount: event.guaranteedAmount.toMinorString(),
              termsVersion: event.termsVersion,
              loanStartDate: event.loanStartDate,
              maturityDate: event.maturityDate,
            },
          },
        ],
      };
    case 'guarantees.GuaranteeReleased':
      return { movements: [guarantee(event.guaranteeId, 'released', 1n)] };
    case 'guarantees.GuaranteeCalled':
      return {
        movements: [
          guarantee(event.guaranteeId, 'called', 1n),
          guarantee(event.guaranteeId, 'claim', event.claimAmount.amountMinor),
          guarantee(event.guaranteeId, 'outstandingAtDefault', event.outstandingAtDefault.amountMinor),
        ],
      };
    case 'guarantees.GuaranteeClaimPaid':
      return { movements: [guarantee(event.guaranteeId, 'claimPaid', event.amount.amountMinor)] };
    case 'guarantees.GuaranteeRecoveryRecorded':
      return { movements: [guarantee(event.guaranteeId, 'recovered', event.amount.amountMinor)] };
    // No balance moves; nor on four-eyes events: a proposal commits nothing, and reservations are not balances.
    case 'guarantees.CompanyAffiliated':
    case 'guarantees.MemberLoanGuaranteed':
    case 'guarantees.CompanyConventionSigned':
    case 'guarantees.MemberLoanRepaid':
    case 'guarantees.LoanRepaymentRecorded':
    case 'guarantees.LoanRepaymentReversed':
    case 'guarantees.BankLoanGuaranteed':
    case 'guarantees.CompanyApprovalPolicySet':
    case 'guarantees.CompanyReservationMade':
    case 'guarantees.CompanyReservationReleased':
    case 'guarantees.ConventionExposureReserved':
    case 'guarantees.ConventionReservationReleased':
    case 'guarantees.BankLoanReserved':
    case 'guarantees.BankLoanReservationReleased':
    case 'guarantees.RepaymentReversalProposed':
    case 'guarantees.RepaymentReversalProposalSettled':
      return { movements: [] };
    default:
      return assertNever(event);
  }
}
