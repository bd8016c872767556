import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newEntityId } from '@ledger/event-sourcing';
import { CompanyStreamWriter } from './company-stream.writer';
import { AdmitMemberCommand, type MemberAdmission } from './admit-member.command';

@CommandHandler(AdmitMemberCommand)
export class AdmitMemberHandler implements ICommandHandler<AdmitMemberCommand> {
  constructor(private readonly companies: CompanyStreamWriter) {}

  async execute({ companyId, input, context }: AdmitMemberCommand): Promise<MemberAdmission> {
    const memberId = newEntityId(context, 'member');
    const { position } = await this.companies.run(
      companyId,
      { type: 'AdmitMember', memberId, ...input },
      context,
      input.admittedOn,
    );
    return { companyId, memberId, position };
  }
}
