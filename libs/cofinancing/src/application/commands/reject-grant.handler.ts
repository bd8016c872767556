import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { grantModel, streamIds, rejectGrant } from '../../domain';
import { grantIn } from './grant-streams';
import { RejectGrantCommand } from './reject-grant.command';

@CommandHandler(RejectGrantCommand)
export class RejectGrantHandler implements ICommandHandler<RejectGrantCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RejectGrantCommand) {
    return this.pipeline.run({ context, on: command.rejectedOn }, async (tx) => {
      const grant = await tx.load(streamIds.grant(command.grantId), grantModel);
      const rejected = grantIn(tx.append(grant, rejectGrant(command, grant.state)), 'rejected');
      return decided({ grantId: rejected.request.grantId });
    });
  }
}
