import type { FourEyesContext } from '@ledger/four-eyes';
import { cofinancingLegacyProposals } from '../../domain';
import { approveGrantAction } from './approve-grant.action';
import { disburseGrantAction } from './disburse-grant.action';
import { reverseDisbursementAction } from './reverse-disbursement.action';
import { setApprovalPolicyAction } from './set-approval-policy.action';

/** The co-financing actions under four-eyes control, and its proposals recorded before the one kind. */
export const cofinancingFourEyes: FourEyesContext = {
  name: 'cofinancing',
  actions: [approveGrantAction, disburseGrantAction, reverseDisbursementAction, setApprovalPolicyAction],
  legacy: cofinancingLegacyProposals,
};
