import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { AdmitMemberCommand } from './admit-member.command';
import { decideOnCompany } from './command-streams';
import { memberMovement } from './company-receipts';

@CommandHandler(AdmitMemberCommand)
export class AdmitMemberHandler implements ICommandHandler<AdmitMemberCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: AdmitMemberCommand) {
    return this.pipeline.run({ context, on: command.admittedOn }, async (tx) =>
      decided(memberMovement(await decideOnCompany(tx, command), command.memberId)),
    );
  }
}
