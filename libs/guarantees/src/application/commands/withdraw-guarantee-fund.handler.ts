import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { moneyView } from './command-support';
import { CompanyStreamWriter } from './company-stream.writer';
import type { FundMovement } from './deposit-guarantee-fund.command';
import { WithdrawGuaranteeFundCommand } from './withdraw-guarantee-fund.command';

@CommandHandler(WithdrawGuaranteeFundCommand)
export class WithdrawGuaranteeFundHandler implements ICommandHandler<WithdrawGuaranteeFundCommand> {
  constructor(private readonly companies: CompanyStreamWriter) {}

  async execute({ companyId, input, context }: WithdrawGuaranteeFundCommand): Promise<FundMovement> {
    const { company, position } = await this.companies.run(
      companyId,
      { type: 'WithdrawGuaranteeFund', ...input },
      context,
      input.withdrawnOn,
    );
    return { companyId, depositId: input.depositId, fundBalance: moneyView(company.fundBalance), position };
  }
}
