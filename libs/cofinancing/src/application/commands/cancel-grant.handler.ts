import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { cancelGrant } from '../../domain';
import { CancelGrantCommand } from './cancel-grant.command';
import { releaseGrant } from './grant-streams';

/** Cancellation before any disbursement: the whole commitment (if approved) returns, atomically. */
@CommandHandler(CancelGrantCommand)
export class CancelGrantHandler implements ICommandHandler<CancelGrantCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: CancelGrantCommand) {
    return this.pipeline.run({ context, on: command.cancelledOn }, async (tx) => {
      const cancelled = await releaseGrant(tx, command.grantId, (state) => cancelGrant(command, state), 'cancelled');
      return decided({ grantId: command.grantId, released: cancelled.released.toJSON() });
    });
  }
}
