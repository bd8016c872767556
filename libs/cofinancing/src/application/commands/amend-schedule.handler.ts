import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { amendSchedule } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { AmendScheduleCommand } from './amend-schedule.command';

@CommandHandler(AmendScheduleCommand)
export class AmendScheduleHandler implements ICommandHandler<AmendScheduleCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: AmendScheduleCommand) {
    const { position, version } = await this.streams.run(async () => {
      const fund = await this.streams.loadFund(command.fundId);
      const [event] = amendSchedule(command, fund.state);
      const version = event.type === 'cofinancing.WindowScheduleAmended' ? event.schedule.version : 0;
      const position = await this.streams.save([this.streams.fundChange(fund, [event])], context, command.amendedOn);
      return { position, version };
    });
    return {
      fundId: command.fundId,
      windowId: command.windowId,
      scheduleVersion: version,
      position: position.toString(),
    };
  }
}
