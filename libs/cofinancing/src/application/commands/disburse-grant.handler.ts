import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FourEyes } from '@ledger/four-eyes';
import { disburseGrantAction } from '../four-eyes/disburse-grant.action';
import { DisburseGrantCommand } from './disburse-grant.command';

/**
 * Pays an invoice from the grant's own commitment: only the grant stream changes. Above the fund's
 * `disburseAbove` it is only proposed (202), the payment reserved on the grant: see `disburseGrantAction`.
 */
@CommandHandler(DisburseGrantCommand)
export class DisburseGrantHandler implements ICommandHandler<DisburseGrantCommand> {
  constructor(private readonly fourEyes: FourEyes) {}

  execute({ command, context }: DisburseGrantCommand) {
    return this.fourEyes.run(disburseGrantAction, command, { context, on: command.disbursedOn });
  }
}
