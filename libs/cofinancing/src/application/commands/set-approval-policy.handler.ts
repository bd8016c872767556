import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { decideApprovalPolicy, fundModel, streamIds, requireOpenFund } from '../../domain';
import { SetApprovalPolicyCommand } from './set-approval-policy.command';

/** Sets (or replaces) a fund's four-eyes policy: one event on the fund stream. */
@CommandHandler(SetApprovalPolicyCommand)
export class SetApprovalPolicyHandler implements ICommandHandler<SetApprovalPolicyCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: SetApprovalPolicyCommand) {
    return this.pipeline.run({ context, on: command.setOn }, async (tx) => {
      const fund = await tx.load(streamIds.fund(command.fundId), fundModel);
      tx.append(fund, [decideApprovalPolicy(command, requireOpenFund(fund.state, command.fundId))]);
      return decided({ fundId: command.fundId });
    });
  }
}
