import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cancelGrant, type GrantCancelled } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { CancelGrantCommand } from './cancel-grant.command';

@CommandHandler(CancelGrantCommand)
export class CancelGrantHandler implements ICommandHandler<CancelGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: CancelGrantCommand) {
    const { position, grantEvents } = await this.streams.run(() =>
      this.streams.releaseGrant(command.grantId, (state) => cancelGrant(command, state), context, command.cancelledOn),
    );
    const cancelled = grantEvents[0] as GrantCancelled;
    return { grantId: command.grantId, released: cancelled.released.toJSON(), position: position.toString() };
  }
}
