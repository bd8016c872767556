import {
  CorrectionPending,
  CorrectionReasonMissing,
  DepositNotFound,
  EntryAlreadyReversed,
  InvalidInput,
  ReversalWouldBreakInvariant,
  WrongCurrency,
} from '../errors';
import { deposit } from './decide';
import { depositLockedBy, fundAsOfLowest, fundReserved, requireCompany, requireOnOrAfter } from './guards';
import { GuaranteeFundDepositReversed, type CompanyEvent } from './events';
import type { CompanyState } from './state';

export interface ReverseDeposit {
  readonly depositId: string;
  readonly reason: string;
  readonly correctedOn: string;
  readonly corrects: { readonly eventId: string; readonly position: string };
  /** The deposit recorded on the right company in the same append, if any. */
  readonly moveTo: { readonly companyId: string; readonly depositId: string } | null;
}

export interface DepositReversalDecision {
  readonly company: CompanyEvent[];
  /** The deposit on the right company (empty when none). */
  readonly target: CompanyEvent[];
}

/**
 * Reverses a deposit booked by mistake, and optionally books it on the right company (same bank,
 * amount, reference and dates). Refused when already reversed, when partly withdrawn, and when the
 * fund no longer holds it (claims paid from it since): the fund never goes negative.
 */
export function reverseDeposit(
  companyId: string,
  command: ReverseDeposit,
  state: CompanyState,
  targetState: CompanyState | null,
): DepositReversalDecision {
  const company = requireCompany(companyId, state);
  const found = company.deposits.get(command.depositId);
  if (!found) throw new DepositNotFound(companyId, command.depositId);
  if (found.reversedOn !== null) throw new EntryAlreadyReversed('deposit', found.depositId, found.reversedOn);
  const lockedBy = depositLockedBy(company, found.depositId);
  if (lockedBy !== null) throw new CorrectionPending('deposit', found.depositId, lockedBy);
  if (command.reason.trim().length === 0) throw new CorrectionReasonMissing();
  requireOnOrAfter('correctedOn', command.correctedOn, found.depositedOn, 'the deposit');
  if (!found.withdrawn.isZero()) {
    throw new ReversalWouldBreakInvariant(
      found.depositId,
      'deposit-not-withdrawn',
      found.amount,
      company.fundBalance,
      found.withdrawn,
    );
  }
  // Other pending reversals would take their deposits out too: together they never take the fund below zero.
  const otherwiseHeld = fundReserved(company);
  // As of the deposit's date (the reversal takes it out from then on) and every later date too.
  const lowest = fundAsOfLowest(company, found.depositedOn).fund - otherwiseHeld.amountMinor;
  if (company.fundBalance.minus(otherwiseHeld).lessThan(found.amount) || lowest < found.amount.amountMinor) {
    throw new ReversalWouldBreakInvariant(
      found.depositId,
      'fund-balance-not-negative',
      found.amount,
      company.fundBalance.minus(otherwiseHeld),
      found.withdrawn,
    );
  }
  let target: CompanyEvent[] = [];
  if (command.moveTo !== null) {
    const right = requireCompany(command.moveTo.companyId, targetState ?? { status: 'unregistered' });
    if (right.companyId === company.companyId) {
      throw new InvalidInput('moveToCompanyId', 'must be another company than the one corrected');
    }
    if (right.currency !== company.currency) {
      throw new WrongCurrency('moveToCompanyId', right.currency, company.currency);
    }
    target = deposit(
      {
        type: 'DepositGuaranteeFund',
        depositId: command.moveTo.depositId,
        bankId: found.bankId,
        amount: found.amount,
        termDepositReference: found.termDepositReference,
        depositedOn: found.depositedOn,
        maturesOn: found.maturesOn,
      },
      right,
    );
  }
  return {
    company: [
      GuaranteeFundDepositReversed.create({
        companyId: company.companyId,
        depositId: found.depositId,
        bankId: found.bankId,
        amount: found.amount,
        depositedOn: found.depositedOn,
        reason: command.reason.trim(),
        correctedOn: command.correctedOn,
        correctsEventId: command.corrects.eventId,
        correctsPosition: command.corrects.position,
        movedToCompanyId: command.moveTo?.companyId ?? null,
        movedToDepositId: command.moveTo?.depositId ?? null,
        fundBalanceAfter: company.fundBalance.minus(found.amount),
      }),
    ],
    target,
  };
}
