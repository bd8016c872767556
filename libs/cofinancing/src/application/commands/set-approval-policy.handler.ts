import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideApprovalPolicy, requireOpenFund } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { SetApprovalPolicyCommand } from './set-approval-policy.command';

/** Sets (or replaces) a fund's four-eyes policy: one event on the fund stream. */
@CommandHandler(SetApprovalPolicyCommand)
export class SetApprovalPolicyHandler implements ICommandHandler<SetApprovalPolicyCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: SetApprovalPolicyCommand) {
    const { position } = await this.streams.run(async () => {
      const fund = await this.streams.loadFund(command.fundId);
      const event = decideApprovalPolicy(command, requireOpenFund(fund.state, command.fundId));
      return { position: await this.streams.save([this.streams.fundChange(fund, [event])], context, command.setOn) };
    });
    return { fundId: command.fundId, position: position.toString() };
  }
}
