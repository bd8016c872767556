import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { enrolBeneficiary } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { EnrolBeneficiaryCommand } from './enrol-beneficiary.command';

@CommandHandler(EnrolBeneficiaryCommand)
export class EnrolBeneficiaryHandler implements ICommandHandler<EnrolBeneficiaryCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: EnrolBeneficiaryCommand) {
    const { position } = await this.streams.run(async () => {
      const beneficiary = await this.streams.loadBeneficiary(command.beneficiaryId);
      const events = enrolBeneficiary(command, beneficiary.state);
      return {
        position: await this.streams.save(
          [this.streams.beneficiaryChange(beneficiary, events)],
          context,
          command.enrolledOn,
        ),
      };
    });
    return {
      beneficiaryId: command.beneficiaryId,
      memberFirmIds: command.memberFirms.map((firm) => firm.firmId),
      position: position.toString(),
    };
  }
}
