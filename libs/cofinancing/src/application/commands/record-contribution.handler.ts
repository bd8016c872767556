import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { availableOf, fundModel, streamIds, recordContribution, requireOpenFund } from '../../domain';
import { RecordContributionCommand } from './record-contribution.command';

@CommandHandler(RecordContributionCommand)
export class RecordContributionHandler implements ICommandHandler<RecordContributionCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RecordContributionCommand) {
    return this.pipeline.run({ context, on: command.receivedOn }, async (tx) => {
      const fund = await tx.load(streamIds.fund(command.fundId), fundModel);
      const after = requireOpenFund(tx.append(fund, recordContribution(command, fund.state)), command.fundId);
      return decided({
        fundId: command.fundId,
        contributionId: command.contributionId,
        contributed: after.contributed.toJSON(),
        available: availableOf(after).toJSON(),
      });
    });
  }
}
