import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { closeGrant, type GrantClosed } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { CloseGrantCommand } from './close-grant.command';

/** Closure: the grant closes and its unused commitment returns to the fund and the beneficiary's cap, atomically. */
@CommandHandler(CloseGrantCommand)
export class CloseGrantHandler implements ICommandHandler<CloseGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: CloseGrantCommand) {
    const { position, grantEvents } = await this.streams.run(() =>
      this.streams.releaseGrant(command.grantId, (state) => closeGrant(command, state), context, command.closedOn),
    );
    const closed = grantEvents[0] as GrantClosed;
    return {
      grantId: command.grantId,
      committed: closed.committed.toJSON(),
      disbursed: closed.disbursed.toJSON(),
      released: closed.released.toJSON(),
      position: position.toString(),
    };
  }
}
