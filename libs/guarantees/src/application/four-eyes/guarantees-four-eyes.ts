import type { FourEyesContext } from '@ledger/four-eyes';
import { guaranteesLegacyProposals } from '../../domain';
import { issueGuaranteeAction } from './issue-guarantee.action';
import { reverseDepositAction } from './reverse-deposit.action';
import { reverseRepaymentAction } from './reverse-repayment.action';
import { setCompanyApprovalPolicyAction } from './set-approval-policy.action';
import { withdrawGuaranteeFundAction } from './withdraw-guarantee-fund.action';

/** The mutual guarantee actions under four-eyes control, and its proposals recorded before the one kind. */
export const guaranteesFourEyes: FourEyesContext = {
  name: 'guarantees',
  actions: [
    issueGuaranteeAction,
    reverseDepositAction,
    reverseRepaymentAction,
    setCompanyApprovalPolicyAction,
    withdrawGuaranteeFundAction,
  ],
  legacy: guaranteesLegacyProposals,
};
