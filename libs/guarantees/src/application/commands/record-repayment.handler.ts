import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { recordRepayment } from '../../domain';
import { decideOnGuarantee } from './command-streams';
import { RecordRepaymentCommand } from './record-repayment.command';

@CommandHandler(RecordRepaymentCommand)
export class RecordRepaymentHandler implements ICommandHandler<RecordRepaymentCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RecordRepaymentCommand) {
    return this.pipeline.run({ context, on: command.repaidOn }, async (tx) =>
      decided(await decideOnGuarantee(tx, command, recordRepayment)),
    );
  }
}
