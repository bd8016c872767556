import { field, type Field } from '@ledger/kernel';
import {
  decideCompany,
  type CompanyCommand,
  type CompanyEvent,
  type CompanyState,
  type RegisteredCompany,
} from '../company';
import type { SignedConvention } from '../convention';
import { InvalidInput, WithdrawalExceedsHeadroom, type HeadroomBreach } from '../errors';
import { reserveDepositFund } from '../four-eyes';
import { backingBreaches } from './backing';

export type WithdrawGuaranteeFund = Extract<CompanyCommand, { type: 'WithdrawGuaranteeFund' }>;

export interface WithdrawalDecision {
  readonly company: CompanyEvent[];
  /** The limits it would leave negative (as of its date or later); empty when the fund still backs everything. */
  readonly breaches: readonly HeadroomBreach[];
}

/**
 * A withdrawal from the guarantee fund, decided with every convention of the company: the deposit
 * holds it, the fund as of its date and later covers it, and what it leaves still backs the
 * outstanding under each convention and across them. The breaches are returned, not thrown: with
 * `overrideHeadroom` a second person may confirm it (see `requireBacked`).
 */
export function decideWithdrawal(
  companyId: string,
  command: WithdrawGuaranteeFund,
  state: CompanyState,
  conventions: readonly SignedConvention[],
): WithdrawalDecision {
  const company = decideCompany(companyId, command, state);
  if (state.status !== 'registered') return { company, breaches: [] };
  const breaches = backingBreaches(state, conventions, { on: command.withdrawnOn, fund: -command.amount.amountMinor });
  return { company, breaches };
}

/** Refuses (422 withdrawal-exceeds-headroom, with the figures) a withdrawal that leaves a limit negative. */
export function requireBacked(command: WithdrawGuaranteeFund, decision: WithdrawalDecision): CompanyEvent[] {
  if (decision.breaches.length > 0) {
    throw new WithdrawalExceedsHeadroom(command.depositId, command.amount, decision.breaches);
  }
  return decision.company;
}

// ---- past the headroom, with a second person -------------------------------------------------------

/** A withdrawal as the route and a proposal carry it: `overrideHeadroom` (with its reason) asks for a second person. */
export type WithdrawCompanyFund = WithdrawGuaranteeFund & {
  readonly companyId: string;
  readonly overrideHeadroom: boolean;
  readonly reason: string | null;
};

export const withdrawCompanyFundCommand: Field<WithdrawCompanyFund> = field.object({
  type: field.literal('WithdrawGuaranteeFund'),
  companyId: field.string(),
  depositId: field.string(),
  amount: field.money(),
  withdrawnOn: field.date(),
  overrideHeadroom: field.boolean(),
  reason: field.optional(field.string()),
});

/**
 * Decides a withdrawal: refused past the headroom unless `overrideHeadroom` is asked with a reason;
 * then `needsSecondPerson` says it waits for a second guarantee officer or an admin.
 */
export function decideFundWithdrawal(
  command: WithdrawCompanyFund,
  state: CompanyState,
  conventions: readonly SignedConvention[],
): WithdrawalDecision & { readonly needsSecondPerson: boolean } {
  if (command.overrideHeadroom && (command.reason ?? '').trim().length === 0) {
    throw new InvalidInput('reason', 'overrideHeadroom needs the reason');
  }
  const decision = decideWithdrawal(command.companyId, command, state, conventions);
  if (!command.overrideHeadroom) requireBacked(command, decision);
  return { ...decision, needsSecondPerson: decision.breaches.length > 0 };
}

/**
 * Instead of withdrawing past the headroom: on the company, the deposit locked and the amount held
 * back from the fund (so no issuance counts on the capacity it gives, and no payment uses it).
 */
export function reserveFundWithdrawal(command: WithdrawCompanyFund, proposalId: string, company: RegisteredCompany) {
  return reserveDepositFund('withdraw-guarantee-fund', command, proposalId, company);
}

export type FundWithdrawalSubjects = ReturnType<typeof reserveFundWithdrawal>['subjects'];
