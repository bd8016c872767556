import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { federationModel, registerFederation, streamIds } from '../../domain';
import { RegisterFederationCommand } from './register-federation.command';

@CommandHandler(RegisterFederationCommand)
export class RegisterFederationHandler implements ICommandHandler<RegisterFederationCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RegisterFederationCommand) {
    return this.pipeline.run({ context, on: command.registeredOn }, async (tx) => {
      const federation = await tx.load(streamIds.federation(command.federationId), federationModel);
      tx.append(federation, registerFederation(command, federation.state));
      return decided({ federationId: command.federationId });
    });
  }
}
