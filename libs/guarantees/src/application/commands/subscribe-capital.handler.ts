import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { decideOnCompany } from './command-streams';
import { capitalMovement } from './company-receipts';
import { SubscribeCapitalCommand } from './subscribe-capital.command';

/** The member's capital and the company's (all members together) stay amounts the ledger holds. */
@CommandHandler(SubscribeCapitalCommand)
export class SubscribeCapitalHandler implements ICommandHandler<SubscribeCapitalCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: SubscribeCapitalCommand) {
    return this.pipeline.run({ context, on: command.subscribedOn }, async (tx) =>
      decided(capitalMovement(await decideOnCompany(tx, command), command.memberId)),
    );
  }
}
