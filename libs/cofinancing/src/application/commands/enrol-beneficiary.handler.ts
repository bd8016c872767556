import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { beneficiaryModel, streamIds, enrolBeneficiary, requireEnrolled } from '../../domain';
import { EnrolBeneficiaryCommand } from './enrol-beneficiary.command';

@CommandHandler(EnrolBeneficiaryCommand)
export class EnrolBeneficiaryHandler implements ICommandHandler<EnrolBeneficiaryCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: EnrolBeneficiaryCommand) {
    return this.pipeline.run({ context, on: command.enrolledOn }, async (tx) => {
      const beneficiary = await tx.load(streamIds.beneficiary(command.beneficiaryId), beneficiaryModel);
      const events = enrolBeneficiary(command, beneficiary.state);
      const enrolled = requireEnrolled(tx.append(beneficiary, events), command.beneficiaryId);
      // Firm ids are UUIDs (never integer-like keys): the record keeps the order they were sent in.
      return decided({ beneficiaryId: enrolled.beneficiaryId, memberFirmIds: Object.keys(enrolled.memberFirms) });
    });
  }
}
