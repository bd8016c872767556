import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { callGuarantee } from '../../domain';
import { decideOnGuarantee } from './command-streams';
import { CallGuaranteeCommand } from './call-guarantee.command';

@CommandHandler(CallGuaranteeCommand)
export class CallGuaranteeHandler implements ICommandHandler<CallGuaranteeCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: CallGuaranteeCommand) {
    return this.pipeline.run({ context, on: command.calledOn }, async (tx) =>
      decided(await decideOnGuarantee(tx, command, callGuarantee)),
    );
  }
}
