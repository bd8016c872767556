import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { moneyView } from './command-support';
import { CompanyStreamWriter } from './company-stream.writer';
import { SubscribeCapitalCommand, type CapitalMovement } from './subscribe-capital.command';

@CommandHandler(SubscribeCapitalCommand)
export class SubscribeCapitalHandler implements ICommandHandler<SubscribeCapitalCommand> {
  constructor(private readonly companies: CompanyStreamWriter) {}

  async execute({ companyId, input, context }: SubscribeCapitalCommand): Promise<CapitalMovement> {
    const { company, position } = await this.companies.run(
      companyId,
      { type: 'SubscribeCapital', ...input },
      context,
      input.subscribedOn,
    );
    const member = company.members.get(input.memberId)!;
    return {
      companyId,
      memberId: input.memberId,
      capitalSubscribed: moneyView(member.capitalSubscribed),
      capitalPaid: moneyView(member.capitalPaid),
      position,
    };
  }
}
