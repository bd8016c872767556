import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CompanyStreamWriter } from './company-stream.writer';
import { RecordMemberDepartureCommand, type MemberDeparture } from './record-member-departure.command';

@CommandHandler(RecordMemberDepartureCommand)
export class RecordMemberDepartureHandler implements ICommandHandler<RecordMemberDepartureCommand> {
  constructor(private readonly companies: CompanyStreamWriter) {}

  async execute({ companyId, input, context }: RecordMemberDepartureCommand): Promise<MemberDeparture> {
    const { position } = await this.companies.run(
      companyId,
      { type: 'RecordMemberDeparture', ...input },
      context,
      input.leftOn,
    );
    return { companyId, memberId: input.memberId, position };
  }
}
