import type { CommandTx } from '@ledger/event-sourcing';
import type { Decision, FourEyesAction } from '@ledger/four-eyes';
import { subjectOf } from '@ledger/kernel';
import {
  companyModel,
  decideFundWithdrawal,
  proposalTtlOf,
  releaseOnCompany,
  requireCompany,
  reserveFundWithdrawal,
  streamIds,
  withdrawCompanyFundCommand,
  type FundWithdrawalSubjects,
  type RegisteredCompany,
  type WithdrawCompanyFund,
  type WithdrawalDecision,
} from '../../domain';
import { loadCompanyConventions } from '../commands/company-conventions';
import { fundMovement, type FundMovement } from '../commands/company-receipts';

const loadCompany = (tx: CommandTx, companyId: string) => tx.load(streamIds.company(companyId), companyModel);

interface Withdrawal extends Decision {
  readonly command: WithdrawCompanyFund;
  readonly company: Awaited<ReturnType<typeof loadCompany>>;
  readonly registered: RegisteredCompany;
  readonly decision: WithdrawalDecision & { readonly needsSecondPerson: boolean };
}

/**
 * A withdrawal from the guarantee fund, decided with every convention of the company (read and
 * guarded: a concurrent issuance on any of them decides one of the two again). One that would
 * leave a headroom negative is refused (422 withdrawal-exceeds-headroom), unless asked with
 * `overrideHeadroom` and a reason: then a second guarantee officer or an admin must confirm it
 * (202), its amount held back from the fund and its deposit locked meanwhile.
 */
export const withdrawGuaranteeFundAction: FourEyesAction<
  WithdrawCompanyFund,
  Withdrawal,
  FundMovement,
  FundWithdrawalSubjects
> = {
  context: 'guarantees',
  action: 'withdraw-guarantee-fund',
  command: withdrawCompanyFundCommand,

  async decide(tx, command) {
    const company = await loadCompany(tx, command.companyId);
    const conventions = await loadCompanyConventions(tx, company.state);
    const decision = decideFundWithdrawal(command, company.state, conventions);
    const registered = requireCompany(command.companyId, company.state);
    return { on: command.withdrawnOn, command, company, registered, decision };
  },

  secondPerson: ({ decision, registered }) =>
    decision.needsSecondPerson ? { threshold: null, ttlHours: proposalTtlOf(registered) } : null,

  commit(tx, { command, company, decision }) {
    const after = requireCompany(command.companyId, tx.append(company, decision.company));
    return fundMovement(after, command.depositId);
  },

  reserve(tx, { command, company, registered }, proposalId) {
    const reservation = reserveFundWithdrawal(command, proposalId, registered);
    tx.append(company, reservation.company);
    return reservation;
  },

  async release(tx, proposal, outcome) {
    tx.append(await loadCompany(tx, subjectOf(proposal, 'companyId')), releaseOnCompany(proposal, outcome));
  },

  confirmed: ({ depositId, fundBalance }) => ({ committed: { depositId, fundBalance } }),
};
