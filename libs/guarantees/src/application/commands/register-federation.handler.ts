import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, newEntityId, positionOf } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { federationModel, registerFederation, streamIds } from '../../domain';
import { RegisterFederationCommand, type FederationRegistration } from './register-federation.command';

@CommandHandler(RegisterFederationCommand)
export class RegisterFederationHandler implements ICommandHandler<RegisterFederationCommand> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ input, context }: RegisterFederationCommand): Promise<FederationRegistration> {
    const federationId = newEntityId(context, 'federation');
    const repository = this.runtime.repository;
    const position = await repository.execute(async () => {
      const stream = await repository.load(streamIds.federation(federationId), federationModel);
      const events = registerFederation({ federationId, ...input }, stream.state);
      return positionOf(
        await repository.save([{ stream, model: federationModel, events }], context, businessTime(input.registeredOn)),
      );
    });
    await this.runtime.committed(position);
    return { federationId, position: position.toString() };
  }
}
