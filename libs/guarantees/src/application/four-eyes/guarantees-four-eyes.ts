import type { FourEyesContext } from '@ledger/four-eyes';
import { guaranteesLegacyProposals } from '../../domain';
import { issueGuaranteeAction } from './issue-guarantee.action';
import { reverseDepositAction } from './reverse-deposit.action';
import { reverseRepaymentAction } from './reverse-repayment.action';

/** The mutual guarantee actions under four-eyes control, and its proposals recorded before the one kind. */
export const guaranteesFourEyes: FourEyesContext = {
  name: 'guarantees',
  actions: [issueGuaranteeAction, reverseDepositAction, reverseRepaymentAction],
  legacy: guaranteesLegacyProposals,
};
