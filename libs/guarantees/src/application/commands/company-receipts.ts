import { requireMember, type RegisteredCompany } from '../../domain';
import { moneyView, type MoneyView } from './command-support';

/** What a capital subscription or payment answers: the member's capital as recorded. */
export interface CapitalMovement {
  readonly companyId: string;
  readonly memberId: string;
  readonly capitalSubscribed: MoneyView;
  readonly capitalPaid: MoneyView;
}

export function capitalMovement(company: RegisteredCompany, memberId: string): CapitalMovement {
  const member = requireMember(company, memberId);
  return {
    companyId: company.companyId,
    memberId: member.memberId,
    capitalSubscribed: moneyView(member.capitalSubscribed),
    capitalPaid: moneyView(member.capitalPaid),
  };
}

/** What a deposit to or a withdrawal from the guarantee fund answers: the fund balance as recorded. */
export interface FundMovement {
  readonly companyId: string;
  readonly depositId: string;
  readonly fundBalance: MoneyView;
}

export const fundMovement = (company: RegisteredCompany, depositId: string): FundMovement => ({
  companyId: company.companyId,
  depositId,
  fundBalance: moneyView(company.fundBalance),
});

/** What an admission or a departure answers. */
export interface MemberMovement {
  readonly companyId: string;
  readonly memberId: string;
}

export const memberMovement = (company: RegisteredCompany, memberId: string): MemberMovement => ({
  companyId: company.companyId,
  memberId: requireMember(company, memberId).memberId,
});
