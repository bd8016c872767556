import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { addMemberFirm, beneficiaryModel, streamIds, requireEnrolled } from '../../domain';
import { AddMemberFirmCommand } from './add-member-firm.command';

/** A firm joins a consortium; one already a member is left as it is (nothing written). */
@CommandHandler(AddMemberFirmCommand)
export class AddMemberFirmHandler implements ICommandHandler<AddMemberFirmCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: AddMemberFirmCommand) {
    return this.pipeline.run({ context, on: command.joinedOn }, async (tx) => {
      const beneficiary = await tx.load(streamIds.beneficiary(command.beneficiaryId), beneficiaryModel);
      const events = addMemberFirm(command, beneficiary.state);
      const after = requireEnrolled(tx.append(beneficiary, events), command.beneficiaryId);
      return decided({ beneficiaryId: after.beneficiaryId, firmId: after.memberFirms[command.firm.firmId].firmId });
    });
  }
}
