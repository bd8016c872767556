import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FourEyes } from '@ledger/four-eyes';
import { setCompanyApprovalPolicyAction } from '../four-eyes/set-approval-policy.action';
import { SetCompanyApprovalPolicyCommand } from './four-eyes.commands';

/**
 * Sets (or replaces) a company's four-eyes policy: one event on the company stream when it
 * tightens; nothing when it equals the policy in force; a proposal (202) when it loosens any control.
 */
@CommandHandler(SetCompanyApprovalPolicyCommand)
export class SetCompanyApprovalPolicyHandler implements ICommandHandler<SetCompanyApprovalPolicyCommand> {
  constructor(private readonly fourEyes: FourEyes) {}

  execute({ command, context }: SetCompanyApprovalPolicyCommand) {
    return this.fourEyes.run(setCompanyApprovalPolicyAction, command, { context, on: command.setOn });
  }
}
