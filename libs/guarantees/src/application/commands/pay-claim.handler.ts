import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { payClaim } from '../../domain';
import { decideOnGuarantee } from './command-streams';
import { PayClaimCommand } from './pay-claim.command';

@CommandHandler(PayClaimCommand)
export class PayClaimHandler implements ICommandHandler<PayClaimCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: PayClaimCommand) {
    return this.pipeline.run({ context, on: command.paidOn }, async (tx) =>
      decided(await decideOnGuarantee(tx, command, payClaim)),
    );
  }
}
