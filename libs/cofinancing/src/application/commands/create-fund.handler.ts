import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createFund } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { CreateFundCommand } from './create-fund.command';

@CommandHandler(CreateFundCommand)
export class CreateFundHandler implements ICommandHandler<CreateFundCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: CreateFundCommand) {
    const { position } = await this.streams.run(async () => {
      const fund = await this.streams.loadFund(command.fundId);
      const events = createFund(command, fund.state);
      return { position: await this.streams.save([this.streams.fundChange(fund, events)], context, command.createdOn) };
    });
    return { fundId: command.fundId, position: position.toString() };
  }
}
