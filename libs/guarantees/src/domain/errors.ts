import { DomainError, type DomainErrorKind } from '@ledger/kernel';
import { Money, type MoneyJson } from '@ledger/money';

/**
 * Typed refusals of the mutual guarantee context. Each carries its figures (amounts as
 * `{ amountMinor, currency }`) so that the HTTP answer and the tests can name them without parsing the message.
 */
abstract class GuaranteesError extends DomainError {
  abstract override readonly kind: DomainErrorKind;
}

/** Money in error details travels as everywhere else in the API: `{ amountMinor, currency }`. */
const amount = (money: Money): MoneyJson => money.toJSON();

// ---- not found ---------------------------------------------------------------------------------

export class FederationNotFound extends GuaranteesError {
  readonly code = 'federation-not-found';
  readonly kind = 'not-found';
  constructor(readonly federationId: string) {
    super(`federation ${federationId} is not registered`, { federationId, field: 'federationId' });
  }
}

export class CompanyNotFound extends GuaranteesError {
  readonly code = 'company-not-found';
  readonly kind = 'not-found';
  constructor(readonly companyId: string) {
    super(`mutual guarantee company ${companyId} is not registered`, { companyId, field: 'companyId' });
  }
}

export class MemberNotFound extends GuaranteesError {
  readonly code = 'member-not-found';
  readonly kind = 'not-found';
  constructor(
    readonly companyId: string,
    readonly memberId: string,
  ) {
    super(`member ${memberId} was never admitted to company ${companyId}`, { companyId, memberId, field: 'memberId' });
  }
}

export class DepositNotFound extends GuaranteesError {
  readonly code = 'deposit-not-found';
  readonly kind = 'not-found';
  constructor(
    readonly companyId: string,
    readonly depositId: string,
  ) {
    super(`guarantee fund deposit ${depositId} does not exist in company ${companyId}`, { companyId, depositId });
  }
}

export class ConventionNotFound extends GuaranteesError {
  readonly code = 'convention-not-found';
  readonly kind = 'not-found';
  constructor(readonly conventionId: string) {
    super(`bank convention ${conventionId} does not exist`, { conventionId });
  }
}

export class GuaranteeNotFound extends GuaranteesError {
  readonly code = 'guarantee-not-found';
  readonly kind = 'not-found';
  constructor(readonly guaranteeId: string) {
    super(`guarantee ${guaranteeId} does not exist`, { guaranteeId });
  }
}

// ---- conflicts ---------------------------------------------------------------------------------

export class AlreadyExists extends GuaranteesError {
  readonly code = 'already-exists';
  readonly kind = 'conflict';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} already exists`, { entity, id });
  }
}

export class MemberAlreadyAdmitted extends GuaranteesError {
  readonly code = 'member-already-admitted';
  readonly kind = 'conflict';
  constructor(readonly memberId: string) {
    super(`member ${memberId} is already admitted`, { memberId });
  }
}

export class LoanAlreadyGuaranteed extends GuaranteesError {
  readonly code = 'loan-already-guaranteed';
  readonly kind = 'conflict';
  constructor(
    readonly bankId: string,
    readonly loanReference: string,
    readonly guaranteeId: string,
  ) {
    super(`loan ${loanReference} of bank ${bankId} is already guaranteed by ${guaranteeId}`, {
      bankId,
      loanReference,
      guaranteeId,
      field: 'loanReference',
    });
  }
}

export type GuaranteeCommandName =
  'IssueGuarantee' | 'RecordRepayment' | 'ReverseRepayment' | 'CallGuarantee' | 'PayClaim' | 'RecordRecovery';

/** A command that the guarantee's current state does not allow (repay a released one, pay an uncalled claim). */
export class IllegalGuaranteeTransition extends GuaranteesError {
  readonly code = 'illegal-guarantee-transition';
  readonly kind = 'conflict';
  constructor(
    readonly guaranteeId: string,
    readonly from: string,
    readonly command: GuaranteeCommandName,
  ) {
    super(`guarantee ${guaranteeId} is ${from}: ${command} is not allowed`, { guaranteeId, from, command });
  }
}

// ---- rejections --------------------------------------------------------------------------------

/** An amount in another currency than the company's; names the request field. */
export class WrongCurrency extends GuaranteesError {
  readonly code = 'wrong-currency';
  readonly kind = 'rejected';
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${field}: expected an amount in ${expected}, got ${actual}`, { field, expected, actual });
  }
}

/** An input that the rules refuse whatever the state (a zero amount, dates in the wrong order). */
export class InvalidInput extends GuaranteesError {
  readonly code = 'invalid-input';
  readonly kind = 'rejected';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`, { field, reason });
  }
}

export type StandingProblem = 'left' | 'capital-not-paid' | 'in-default';

export class MemberNotInGoodStanding extends GuaranteesError {
  readonly code = 'member-not-in-good-standing';
  readonly kind = 'rejected';
  constructor(
    readonly memberId: string,
    readonly reason: StandingProblem,
  ) {
    super(`member ${memberId} is not in good standing (${reason})`, { memberId, reason });
  }
}

export class MemberHasLeft extends GuaranteesError {
  readonly code = 'member-has-left';
  readonly kind = 'rejected';
  constructor(
    readonly memberId: string,
    readonly leftOn: string,
  ) {
    super(`member ${memberId} left on ${leftOn}`, { memberId, leftOn });
  }
}

export class MemberHasLiveGuarantees extends GuaranteesError {
  readonly code = 'member-has-live-guarantees';
  readonly kind = 'rejected';
  constructor(
    readonly memberId: string,
    readonly liveGuarantees: number,
  ) {
    super(`member ${memberId} still has ${liveGuarantees} guarantee(s) in force, in default or proposed`, {
      memberId,
      liveGuarantees,
    });
  }
}

export class CapitalPaymentExceedsSubscription extends GuaranteesError {
  readonly code = 'capital-payment-exceeds-subscription';
  readonly kind = 'rejected';
  constructor(
    readonly memberId: string,
    readonly unpaid: Money,
    readonly requested: Money,
  ) {
    super(`member ${memberId} owes ${unpaid.toString()} of subscribed capital, cannot pay ${requested.toString()}`, {
      memberId,
      unpaid: amount(unpaid),
      requested: amount(requested),
    });
  }
}

export class WithdrawalExceedsDeposit extends GuaranteesError {
  readonly code = 'withdrawal-exceeds-deposit';
  readonly kind = 'rejected';
  constructor(
    readonly depositId: string,
    readonly available: Money,
    readonly requested: Money,
  ) {
    super(`deposit ${depositId} holds ${available.toString()}, cannot withdraw ${requested.toString()}`, {
      depositId,
      available: amount(available),
      requested: amount(requested),
    });
  }
}

export class InsufficientGuaranteeFund extends GuaranteesError {
  readonly code = 'insufficient-guarantee-fund';
  readonly kind = 'rejected';
  constructor(
    readonly fundBalance: Money,
    readonly requested: Money,
    /** Held back by pending deposit reversals (four-eyes), which count as gone. */
    readonly reserved: Money = Money.zero(fundBalance.currency.code),
    /** The business date the fund would fall short on (as of it), when not today's balance. */
    readonly on: string | null = null,
  ) {
    super(
      `the guarantee fund holds ${fundBalance.toString()}` +
        (on === null ? '' : ` as of ${on}`) +
        (reserved.isZero() ? '' : ` (${reserved.toString()} of it held back by pending reversals)`) +
        `, cannot pay out ${requested.toString()}`,
      {
        fundBalance: amount(fundBalance),
        requested: amount(requested),
        reserved: amount(reserved),
        ...(on === null ? {} : { on }),
      },
    );
  }
}

export class ConventionNotYetValid extends GuaranteesError {
  readonly code = 'convention-not-yet-valid';
  readonly kind = 'rejected';
  constructor(
    readonly conventionId: string,
    readonly validFrom: string,
    readonly on: string,
  ) {
    super(`convention ${conventionId} is valid from ${validFrom}, not on ${on}`, { conventionId, validFrom, on });
  }
}

export class ConventionExpired extends GuaranteesError {
  readonly code = 'convention-expired';
  readonly kind = 'rejected';
  constructor(
    readonly conventionId: string,
    readonly validUntil: string,
    readonly on: string,
  ) {
    super(`convention ${conventionId} expired on ${validUntil}; asked on ${on}`, { conventionId, validUntil, on });
  }
}

export class ConventionTerminated extends GuaranteesError {
  readonly code = 'convention-terminated';
  readonly kind = 'rejected';
  constructor(
    readonly conventionId: string,
    readonly terminatedOn: string,
  ) {
    super(`convention ${conventionId} was terminated on ${terminatedOn}`, { conventionId, terminatedOn });
  }
}

export class InsufficientHeadroom extends GuaranteesError {
  readonly code = 'insufficient-headroom';
  readonly kind = 'rejected';
  constructor(
    readonly conventionId: string,
    readonly headroom: Money,
    readonly requested: Money,
    readonly capacity: Money,
    readonly outstanding: Money,
    /** Held by pending four-eyes proposals (issuances, repayment reversals); `headroom` is net of it. */
    readonly reserved: Money = Money.zero(outstanding.currency.code),
    /** Which limit bound: the convention's own headroom, or the company's (fund × largest multiplier). */
    readonly limit: 'convention' | 'company' = 'convention',
    /** The business date it binds on (the issuance's, or a later one), when checked as of a date. */
    readonly on: string | null = null,
  ) {
    super(
      (limit === 'company' ? `the company of convention ${conventionId} has ` : `convention ${conventionId} has `) +
        `${headroom.toString()} of headroom${on === null ? '' : ` as of ${on}`} ` +
        `(capacity ${capacity.toString()}, outstanding ${outstanding.toString()}` +
        (reserved.isZero() ? '' : `, reserved by pending proposals ${reserved.toString()}`) +
        `); ${requested.toString()} requested`,
      {
        conventionId,
        headroom: amount(headroom),
        requested: amount(requested),
        capacity: amount(capacity),
        outstanding: amount(outstanding),
        reserved: amount(reserved),
        limit,
        ...(on === null ? {} : { on }),
      },
    );
  }
}

export class LoanAboveConventionMaximum extends GuaranteesError {
  readonly code = 'loan-above-convention-maximum';
  readonly kind = 'rejected';
  constructor(
    readonly conventionId: string,
    readonly maximum: Money,
    readonly requested: Money,
  ) {
    super(
      `convention ${conventionId} guarantees at most ${maximum.toString()} per loan; ${requested.toString()} requested`,
      {
        conventionId,
        maximum: amount(maximum),
        requested: amount(requested),
      },
    );
  }
}

export class RepaymentExceedsOutstanding extends GuaranteesError {
  readonly code = 'repayment-exceeds-outstanding';
  readonly kind = 'rejected';
  constructor(
    readonly guaranteeId: string,
    readonly outstanding: Money,
    readonly requested: Money,
  ) {
    super(
      `loan of guarantee ${guaranteeId} has ${outstanding.toString()} outstanding; ${requested.toString()} repaid`,
      {
        guaranteeId,
        outstanding: amount(outstanding),
        requested: amount(requested),
      },
    );
  }
}

export class ClaimExceedsGuaranteedOutstanding extends GuaranteesError {
  readonly code = 'claim-exceeds-guaranteed-outstanding';
  readonly kind = 'rejected';
  constructor(
    readonly guaranteeId: string,
    readonly claim: Money,
    readonly alreadyPaid: Money,
    readonly requested: Money,
  ) {
    super(
      `guarantee ${guaranteeId}: claim ${claim.toString()}, already paid ${alreadyPaid.toString()}; ` +
        `${requested.toString()} more would exceed the guaranteed outstanding at default`,
      {
        guaranteeId,
        claim: amount(claim),
        alreadyPaid: amount(alreadyPaid),
        requested: amount(requested),
      },
    );
  }
}

export class RecoveryExceedsClaimPaid extends GuaranteesError {
  readonly code = 'recovery-exceeds-claim-paid';
  readonly kind = 'rejected';
  constructor(
    readonly guaranteeId: string,
    readonly claimPaid: Money,
    readonly recovered: Money,
    readonly requested: Money,
  ) {
    super(
      `guarantee ${guaranteeId}: ${claimPaid.toString()} paid, ${recovered.toString()} already recovered; ` +
        `${requested.toString()} more cannot be recovered`,
      {
        guaranteeId,
        claimPaid: amount(claimPaid),
        recovered: amount(recovered),
        requested: amount(requested),
      },
    );
  }
}

// ---- corrections -------------------------------------------------------------------------------

/** An entry is reversed once: a second reversal of the same entry is refused. */
export class EntryAlreadyReversed extends GuaranteesError {
  readonly code = 'entry-already-reversed';
  readonly kind = 'conflict';
  constructor(
    readonly entry: string,
    readonly entryId: string,
    readonly reversedOn: string,
  ) {
    super(`${entry} ${entryId} was already reversed (on ${reversedOn})`, { entry, entryId, reversedOn });
  }
}

export class RepaymentNotFound extends GuaranteesError {
  readonly code = 'repayment-not-found';
  readonly kind = 'not-found';
  constructor(
    readonly guaranteeId: string,
    readonly repaymentEventId: string,
  ) {
    super(`no repayment ${repaymentEventId} on guarantee ${guaranteeId}`, {
      guaranteeId,
      repaymentEventId,
      field: 'repaymentEventId',
    });
  }
}

/**
 * A correction that would break an invariant: reversing a deposit partly withdrawn, or one the
 * fund no longer holds (it would go negative, below what claims already took out of it).
 */
export class ReversalWouldBreakInvariant extends GuaranteesError {
  readonly code = 'reversal-would-break-invariant';
  readonly kind = 'rejected';
  constructor(
    readonly entryId: string,
    readonly invariant: 'fund-balance-not-negative' | 'deposit-not-withdrawn',
    readonly amount: Money,
    readonly fundBalance: Money,
    readonly withdrawn: Money,
  ) {
    super(
      invariant === 'fund-balance-not-negative'
        ? `reversing ${entryId} (${amount.toString()}) would leave the guarantee fund at ${fundBalance.minus(amount).toString()}`
        : `deposit ${entryId} was partly withdrawn (${withdrawn.toString()}); reverse the withdrawal first`,
      {
        entryId,
        invariant,
        amount: amount.toJSON(),
        fundBalance: fundBalance.toJSON(),
        fundBalanceAfter: fundBalance.minus(amount).toJSON(),
        withdrawn: withdrawn.toJSON(),
      },
    );
  }
}

export class CorrectionReasonMissing extends GuaranteesError {
  readonly code = 'correction-reason-missing';
  readonly kind = 'rejected';
  constructor() {
    super('a correction must give its reason', { field: 'reason' });
  }
}

// ---- four-eyes ---------------------------------------------------------------------------------

/** A bank loan whose guarantee is already waiting for a second person. */
export class LoanGuaranteePending extends GuaranteesError {
  readonly code = 'loan-guarantee-pending';
  readonly kind = 'conflict';
  constructor(
    readonly bankId: string,
    readonly loanReference: string,
    readonly proposalId: string,
  ) {
    super(`loan ${loanReference} of bank ${bankId} has a guarantee waiting for a second person (${proposalId})`, {
      bankId,
      loanReference,
      proposalId,
      field: 'loanReference',
    });
  }
}

/** An entry whose reversal is waiting for a second person: no second reversal, no withdrawal from it meanwhile. */
export class CorrectionPending extends GuaranteesError {
  readonly code = 'correction-pending';
  readonly kind = 'conflict';
  constructor(
    readonly entry: 'deposit' | 'repayment',
    readonly entryId: string,
    readonly proposalId: string,
  ) {
    super(`${entry} ${entryId} has a reversal waiting for a second person (${proposalId})`, {
      entry,
      entryId,
      proposalId,
    });
  }
}

// ---- business dates and the fund's backing -----------------------------------------------------

/**
 * A command dated before what it depends on (a withdrawal before its deposit, a repayment before
 * the issuance): the history would read backwards. Same code and details in every context.
 */
export class BusinessDateBeforeDependency extends GuaranteesError {
  readonly code = 'business-date-before-dependency';
  readonly kind = 'rejected';
  constructor(
    readonly field: string,
    readonly date: string,
    readonly notBefore: string,
    readonly dependency: string,
  ) {
    super(`${field} ${date} is before ${dependency} (${notBefore})`, { field, date, notBefore, dependency });
  }
}

/** One limit a withdrawal would break: a convention's headroom, or the company's (fund × largest multiplier). */
export interface HeadroomBreach {
  readonly limit: 'convention' | 'company';
  /** The convention, or null for the company-wide limit. */
  readonly conventionId: string | null;
  /** The first business date (on or after the withdrawal) on which the limit would be broken. */
  readonly on: string;
  readonly capacityAfter: Money;
  readonly outstanding: Money;
  readonly headroomAfter: Money;
}

/**
 * The guarantee fund backs what the company guarantees: a withdrawal that would leave a
 * convention's headroom (or the company's) negative, as of its date or any later one, is refused
 * with the figures; `overrideHeadroom` with a reason turns it into a four-eyes proposal.
 */
export class WithdrawalExceedsHeadroom extends GuaranteesError {
  readonly code = 'withdrawal-exceeds-headroom';
  readonly kind = 'rejected';
  constructor(
    readonly depositId: string,
    readonly requested: Money,
    readonly breaches: readonly HeadroomBreach[],
  ) {
    super(
      `withdrawing ${requested.toString()} from deposit ${depositId} would leave ` +
        breaches
          .map(
            (b) =>
              `${b.limit === 'company' ? 'the company' : `convention ${b.conventionId}`} at ${b.headroomAfter.toString()} of headroom on ${b.on}`,
          )
          .join(', '),
      {
        depositId,
        field: 'amount',
        requested: amount(requested),
        conventions: breaches.map((b) => ({
          limit: b.limit,
          conventionId: b.conventionId,
          on: b.on,
          capacityAfter: amount(b.capacityAfter),
          outstanding: amount(b.outstanding),
          headroomAfter: amount(b.headroomAfter),
        })),
      },
    );
  }
}
