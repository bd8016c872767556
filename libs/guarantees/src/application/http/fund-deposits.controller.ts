import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import type { CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, MoneyDto } from '@ledger/platform';
import { DepositGuaranteeFundCommand } from '../commands/deposit-guarantee-fund.command';
import { WithdrawGuaranteeFundCommand } from '../commands/withdraw-guarantee-fund.command';
import { FundDepositDto } from './dto/fund-deposit.dto';
import { FundWithdrawalDto } from './dto/fund-withdrawal.dto';

@ApiTags('mutual guarantee: guarantee fund')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ResourceAccess('guarantees')
@Controller('guarantee-companies/:companyId/fund-deposits')
export class FundDepositsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  deposit(@Param('companyId') companyId: string, @Body() body: FundDepositDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new DepositGuaranteeFundCommand(
        companyId,
        { ...body, amount: MoneyDto.toMoney(body.amount), maturesOn: body.maturesOn ?? null },
        context,
      ),
    );
  }

  @Post(':depositId/withdrawals')
  withdraw(
    @Param('companyId') companyId: string,
    @Param('depositId') depositId: string,
    @Body() body: FundWithdrawalDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new WithdrawGuaranteeFundCommand(
        companyId,
        { depositId, amount: MoneyDto.toMoney(body.amount), withdrawnOn: body.withdrawnOn },
        context,
      ),
    );
  }
}
