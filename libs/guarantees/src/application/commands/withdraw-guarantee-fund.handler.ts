import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { decideOnCompany } from './command-streams';
import { fundMovement } from './company-receipts';
import { WithdrawGuaranteeFundCommand } from './withdraw-guarantee-fund.command';

@CommandHandler(WithdrawGuaranteeFundCommand)
export class WithdrawGuaranteeFundHandler implements ICommandHandler<WithdrawGuaranteeFundCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: WithdrawGuaranteeFundCommand) {
    return this.pipeline.run({ context, on: command.withdrawnOn }, async (tx) =>
      decided(fundMovement(await decideOnCompany(tx, command), command.depositId)),
    );
  }
}
