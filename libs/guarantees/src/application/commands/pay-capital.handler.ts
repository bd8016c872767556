import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { moneyView } from './command-support';
import { CompanyStreamWriter } from './company-stream.writer';
import type { CapitalMovement } from './subscribe-capital.command';
import { PayCapitalCommand } from './pay-capital.command';

@CommandHandler(PayCapitalCommand)
export class PayCapitalHandler implements ICommandHandler<PayCapitalCommand> {
  constructor(private readonly companies: CompanyStreamWriter) {}

  async execute({ companyId, input, context }: PayCapitalCommand): Promise<CapitalMovement> {
    const { company, position } = await this.companies.run(
      companyId,
      { type: 'PayCapital', ...input },
      context,
      input.paidOn,
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
