import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline } from '@ledger/event-sourcing';
import { amendSchedule } from '../../domain';
import { AmendScheduleCommand } from './amend-schedule.command';
import { changeWindow } from './window-change';

/** A new schedule version, effective from a later date; grants already approved keep theirs. */
@CommandHandler(AmendScheduleCommand)
export class AmendScheduleHandler implements ICommandHandler<AmendScheduleCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: AmendScheduleCommand) {
    return this.pipeline.run({ context, on: command.amendedOn }, (tx) =>
      changeWindow(tx, command, (fund) => amendSchedule(command, fund)),
    );
  }
}
