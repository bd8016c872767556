import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { createFund, fundModel, streamIds, requireOpenFund } from '../../domain';
import { CreateFundCommand } from './create-fund.command';

@CommandHandler(CreateFundCommand)
export class CreateFundHandler implements ICommandHandler<CreateFundCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: CreateFundCommand) {
    return this.pipeline.run({ context, on: command.createdOn }, async (tx) => {
      const fund = await tx.load(streamIds.fund(command.fundId), fundModel);
      const created = requireOpenFund(tx.append(fund, createFund(command, fund.state)), command.fundId);
      return decided({ fundId: created.fundId });
    });
  }
}
