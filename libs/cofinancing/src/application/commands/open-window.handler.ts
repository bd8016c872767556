import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { openWindow } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { OpenWindowCommand } from './open-window.command';

@CommandHandler(OpenWindowCommand)
export class OpenWindowHandler implements ICommandHandler<OpenWindowCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: OpenWindowCommand) {
    const { position } = await this.streams.run(async () => {
      const fund = await this.streams.loadFund(command.fundId);
      const events = openWindow(command, fund.state);
      return { position: await this.streams.save([this.streams.fundChange(fund, events)], context, command.openedOn) };
    });
    return { fundId: command.fundId, windowId: command.windowId, scheduleVersion: 1, position: position.toString() };
  }
}
