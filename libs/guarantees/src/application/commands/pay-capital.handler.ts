import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { decideOnCompany } from './command-streams';
import { capitalMovement } from './company-receipts';
import { PayCapitalCommand } from './pay-capital.command';

@CommandHandler(PayCapitalCommand)
export class PayCapitalHandler implements ICommandHandler<PayCapitalCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: PayCapitalCommand) {
    return this.pipeline.run({ context, on: command.paidOn }, async (tx) =>
      decided(capitalMovement(await decideOnCompany(tx, command), command.memberId)),
    );
  }
}
