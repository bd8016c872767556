import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FourEyes } from '@ledger/four-eyes';
import { approveGrantAction } from '../four-eyes/approve-grant.action';
import { ApproveGrantCommand } from './approve-grant.command';

/**
 * Approval changes three streams at once — the grant, the fund's commitment and the beneficiary's
 * cap usage for (window, participation year) — in one append with the revisions it read, so two
 * approvals racing on the same fund or cap cannot both pass. Under the fund's four-eyes policy it
 * is only proposed (202), its subsidy reserved: see `approveGrantAction`.
 */
@CommandHandler(ApproveGrantCommand)
export class ApproveGrantHandler implements ICommandHandler<ApproveGrantCommand> {
  constructor(private readonly fourEyes: FourEyes) {}

  execute({ command, context }: ApproveGrantCommand) {
    return this.fourEyes.run(approveGrantAction, command, { context, on: command.approvedOn });
  }
}
