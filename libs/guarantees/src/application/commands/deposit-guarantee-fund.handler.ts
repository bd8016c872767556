import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { decideOnCompany } from './command-streams';
import { fundMovement } from './company-receipts';
import { DepositGuaranteeFundCommand } from './deposit-guarantee-fund.command';

/** The fund balance and the deposits' total stay amounts the ledger holds: past it, refused, nothing written. */
@CommandHandler(DepositGuaranteeFundCommand)
export class DepositGuaranteeFundHandler implements ICommandHandler<DepositGuaranteeFundCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: DepositGuaranteeFundCommand) {
    return this.pipeline.run({ context, on: command.depositedOn }, async (tx) =>
      decided(fundMovement(await decideOnCompany(tx, command), command.depositId)),
    );
  }
}
