import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FourEyes } from '@ledger/four-eyes';
import { withdrawGuaranteeFundAction } from '../four-eyes/withdraw-guarantee-fund.action';
import { WithdrawGuaranteeFundCommand } from './withdraw-guarantee-fund.command';

/**
 * A withdrawal from the guarantee fund: refused (422 withdrawal-exceeds-headroom) when it would
 * leave a convention's headroom, or the company's, negative as of its date or later; with
 * `overrideHeadroom` only proposed (202) for a second person. See `withdrawGuaranteeFundAction`.
 */
@CommandHandler(WithdrawGuaranteeFundCommand)
export class WithdrawGuaranteeFundHandler implements ICommandHandler<WithdrawGuaranteeFundCommand> {
  constructor(private readonly fourEyes: FourEyes) {}

  execute({ command, context }: WithdrawGuaranteeFundCommand) {
    const withdrawal = {
      ...command,
      overrideHeadroom: command.overrideHeadroom ?? false,
      reason: command.reason ?? null,
    };
    return this.fourEyes.run(withdrawGuaranteeFundAction, withdrawal, { context, on: command.withdrawnOn });
  }
}
