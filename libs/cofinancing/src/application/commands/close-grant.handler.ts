import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { closeGrant } from '../../domain';
import { CloseGrantCommand } from './close-grant.command';
import { releaseGrant } from './grant-streams';

/** Closure: the grant closes and its unused commitment returns to the fund and the beneficiary's cap, atomically. */
@CommandHandler(CloseGrantCommand)
export class CloseGrantHandler implements ICommandHandler<CloseGrantCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: CloseGrantCommand) {
    return this.pipeline.run({ context, on: command.closedOn }, async (tx) => {
      const closed = await releaseGrant(tx, command.grantId, (state) => closeGrant(command, state), 'closed');
      return decided({
        grantId: command.grantId,
        committed: closed.approval.subsidy.toJSON(),
        disbursed: closed.disbursed.toJSON(),
        released: closed.released.toJSON(),
      });
    });
  }
}
