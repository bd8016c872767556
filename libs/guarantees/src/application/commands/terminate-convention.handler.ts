import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { terminateConvention } from '../../domain';
import { decideOnConvention } from './command-streams';
import { TerminateConventionCommand } from './terminate-convention.command';

@CommandHandler(TerminateConventionCommand)
export class TerminateConventionHandler implements ICommandHandler<TerminateConventionCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: TerminateConventionCommand) {
    const { conventionId } = command;
    return this.pipeline.run({ context, on: command.terminatedOn }, async (tx) =>
      decided(await decideOnConvention(tx, conventionId, (state) => terminateConvention(command, state, conventionId))),
    );
  }
}
