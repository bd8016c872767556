import { approvalPolicyAction } from '@ledger/four-eyes';
import {
  approvalPolicyControls,
  approvalPolicyJson,
  decideApprovalPolicy,
  fundModel,
  requestedApprovalPolicy,
  requireOpenFund,
  setApprovalPolicyCommand,
  streamIds,
} from '../../domain';

/**
 * Setting a fund's four-eyes policy: the same policy again writes nothing; a tightening applies
 * at once; a change that loosens any control waits for a second fund manager or an admin (see
 * `approvalPolicyAction`). Both routes (PUT, and the deprecated POST) run it.
 */
export const setApprovalPolicyAction = approvalPolicyAction({
  context: 'cofinancing',
  subject: 'fundId',
  command: setApprovalPolicyCommand,
  async load(tx, command) {
    const stream = await tx.load(streamIds.fund(command.fundId), fundModel);
    const fund = requireOpenFund(stream.state, command.fundId);
    const event = decideApprovalPolicy(command, fund);
    return {
      subjectId: fund.fundId,
      currency: fund.currency,
      current: fund.approvalPolicy,
      next: requestedApprovalPolicy(command),
      on: event.setOn,
      apply: (append) => void append.append(stream, [event]),
    };
  },
  controls: approvalPolicyControls,
  json: approvalPolicyJson,
});
