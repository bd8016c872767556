import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FourEyes } from '@ledger/four-eyes';
import { setApprovalPolicyAction } from '../four-eyes/set-approval-policy.action';
import { SetApprovalPolicyCommand } from './set-approval-policy.command';

/**
 * Sets (or replaces) a fund's four-eyes policy: one event on the fund stream when it tightens;
 * nothing when it equals the policy in force; a proposal (202) when it loosens any control.
 */
@CommandHandler(SetApprovalPolicyCommand)
export class SetApprovalPolicyHandler implements ICommandHandler<SetApprovalPolicyCommand> {
  constructor(private readonly fourEyes: FourEyes) {}

  execute({ command, context }: SetApprovalPolicyCommand) {
    return this.fourEyes.run(setApprovalPolicyAction, command, { context, on: command.setOn });
  }
}
