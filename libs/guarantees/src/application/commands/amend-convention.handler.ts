import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { amendConvention } from '../../domain';
import { AmendConventionCommand } from './amend-convention.command';
import { decideOnConvention } from './command-streams';

@CommandHandler(AmendConventionCommand)
export class AmendConventionHandler implements ICommandHandler<AmendConventionCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: AmendConventionCommand) {
    const { conventionId } = command;
    return this.pipeline.run({ context, on: command.amendedOn }, async (tx) =>
      decided(
        await decideOnConvention(tx, conventionId, (state, company) =>
          amendConvention(command, state, conventionId, company),
        ),
      ),
    );
  }
}
