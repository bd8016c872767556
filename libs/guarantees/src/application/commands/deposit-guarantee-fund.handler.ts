import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newEntityId } from '@ledger/event-sourcing';
import { moneyView } from './command-support';
import { CompanyStreamWriter } from './company-stream.writer';
import { DepositGuaranteeFundCommand, type FundMovement } from './deposit-guarantee-fund.command';

@CommandHandler(DepositGuaranteeFundCommand)
export class DepositGuaranteeFundHandler implements ICommandHandler<DepositGuaranteeFundCommand> {
  constructor(private readonly companies: CompanyStreamWriter) {}

  async execute({ companyId, input, context }: DepositGuaranteeFundCommand): Promise<FundMovement> {
    const depositId = newEntityId(context, 'deposit');
    const { company, position } = await this.companies.run(
      companyId,
      { type: 'DepositGuaranteeFund', depositId, ...input },
      context,
      input.depositedOn,
    );
    return { companyId, depositId, fundBalance: moneyView(company.fundBalance), position };
  }
}
