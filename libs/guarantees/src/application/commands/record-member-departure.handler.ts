import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { decideOnCompany } from './command-streams';
import { memberMovement } from './company-receipts';
import { RecordMemberDepartureCommand } from './record-member-departure.command';

@CommandHandler(RecordMemberDepartureCommand)
export class RecordMemberDepartureHandler implements ICommandHandler<RecordMemberDepartureCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RecordMemberDepartureCommand) {
    return this.pipeline.run({ context, on: command.leftOn }, async (tx) =>
      decided(memberMovement(await decideOnCompany(tx, command), command.memberId)),
    );
  }
}
