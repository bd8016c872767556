import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { rejectGrant } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { RejectGrantCommand } from './reject-grant.command';

@CommandHandler(RejectGrantCommand)
export class RejectGrantHandler implements ICommandHandler<RejectGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: RejectGrantCommand) {
    const { position } = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      const events = rejectGrant(command, grant.state);
      return {
        position: await this.streams.save([this.streams.grantChange(grant, events)], context, command.rejectedOn),
      };
    });
    return { grantId: command.grantId, position: position.toString() };
  }
}
