import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { addMemberFirm } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { AddMemberFirmCommand } from './add-member-firm.command';

@CommandHandler(AddMemberFirmCommand)
export class AddMemberFirmHandler implements ICommandHandler<AddMemberFirmCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: AddMemberFirmCommand) {
    const { position } = await this.streams.run(async () => {
      const beneficiary = await this.streams.loadBeneficiary(command.beneficiaryId);
      const events = addMemberFirm(command, beneficiary.state);
      return {
        position: await this.streams.save(
          [this.streams.beneficiaryChange(beneficiary, events)],
          context,
          command.joinedOn,
        ),
      };
    });
    return { beneficiaryId: command.beneficiaryId, firmId: command.firm.firmId, position: position.toString() };
  }
}
