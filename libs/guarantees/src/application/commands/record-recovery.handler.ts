import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { recordRecovery } from '../../domain';
import { decideOnGuarantee } from './command-streams';
import { RecordRecoveryCommand } from './record-recovery.command';

@CommandHandler(RecordRecoveryCommand)
export class RecordRecoveryHandler implements ICommandHandler<RecordRecoveryCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RecordRecoveryCommand) {
    return this.pipeline.run({ context, on: command.receivedOn }, async (tx) =>
      decided(await decideOnGuarantee(tx, command, recordRecovery)),
    );
  }
}
