import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline } from '@ledger/event-sourcing';
import { openWindow } from '../../domain';
import { OpenWindowCommand } from './open-window.command';
import { changeWindow } from './window-change';

@CommandHandler(OpenWindowCommand)
export class OpenWindowHandler implements ICommandHandler<OpenWindowCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: OpenWindowCommand) {
    return this.pipeline.run({ context, on: command.openedOn }, (tx) =>
      changeWindow(tx, command, (fund) => openWindow(command, fund)),
    );
  }
}
