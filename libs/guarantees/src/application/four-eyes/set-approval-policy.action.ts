import { approvalPolicyAction } from '@ledger/four-eyes';
import {
  companyModel,
  companyPolicyControls,
  companyPolicyJson,
  decideApprovalPolicy,
  requireCompany,
  setCompanyApprovalPolicyCommand,
  streamIds,
} from '../../domain';

/**
 * Setting a company's four-eyes policy: the same policy again writes nothing; a tightening applies
 * at once; a change that loosens any control waits for a second guarantee officer or an admin
 * (see `approvalPolicyAction`).
 */
export const setCompanyApprovalPolicyAction = approvalPolicyAction({
  context: 'guarantees',
  subject: 'companyId',
  command: setCompanyApprovalPolicyCommand,
  async load(tx, { companyId, ...policy }) {
    const stream = await tx.load(streamIds.company(companyId), companyModel);
    const events = decideApprovalPolicy(companyId, policy, stream.state);
    const company = requireCompany(companyId, stream.state);
    const { issueGuaranteeAbove, correctionsNeedSecondPerson, proposalTtlHours } = policy;
    return {
      subjectId: company.companyId,
      currency: company.currency,
      current: company.approvalPolicy,
      next: { issueGuaranteeAbove, correctionsNeedSecondPerson, proposalTtlHours },
      on: policy.setOn,
      apply: (append) => void append.append(stream, events),
    };
  },
  controls: companyPolicyControls,
  json: companyPolicyJson,
});
