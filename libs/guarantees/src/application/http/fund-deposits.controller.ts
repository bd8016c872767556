import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, MoneyDto } from '@ledger/platform';
import { DepositGuaranteeFundCommand } from '../commands/deposit-guarantee-fund.command';
import { ReverseDepositCommand } from '../commands/reverse-deposit.command';
import { WithdrawGuaranteeFundCommand } from '../commands/withdraw-guarantee-fund.command';
import { ReverseDepositDto } from './dto/correction.dto';
import { FundDepositDto } from './dto/fund-deposit.dto';
import { FundWithdrawalDto } from './dto/fund-withdrawal.dto';
import { DepositReversedView, FundMovementView, GuaranteeProposalPendingView } from './dto/guarantees-views';

@ApiTags('mutual guarantee: guarantee fund')
@ResourceAccess('guarantees')
@Controller('guarantee-companies/:companyId/fund-deposits')
export class FundDepositsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Deposit into the company’s guarantee fund (a term deposit at a bank)' })
  @ApiCreatedResponse({ type: FundMovementView, description: 'deposited: `{ companyId, depositId, fundBalance }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`' })
  @ApiConflictResponse({ description: '`already-exists`' })
  @ApiUnprocessableEntityResponse({
    description:
      '`wrong-currency`, `invalid-input` (maturesOn not after depositedOn), `business-date-before-dependency`',
  })
  deposit(@Param('companyId') companyId: string, @Body() body: FundDepositDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new DepositGuaranteeFundCommand(
        {
          type: 'DepositGuaranteeFund',
          companyId,
          depositId: newEntityId(context, 'deposit'),
          ...body,
          amount: MoneyDto.toMoney(body.amount),
          maturesOn: body.maturesOn ?? null,
        },
        context,
      ),
    );
  }

  /**
   * A correction: the deposit is reversed by a new event linked to it (never edited), with the
   * reason; with `moveToCompanyId`, booked on that company in the same append.
   */
  @Post(':depositId/reversal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reverse a guarantee fund deposit (a correction with its reason), optionally moving it to another company',
  })
  @ApiOkResponse({
    type: DepositReversedView,
    description: 'reversed: the amount, the event corrected, the fund balance after it',
  })
  @ApiConflictResponse({
    description:
      '`entry-already-reversed`, or `correction-pending`: a reversal of this deposit waits for a second officer',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`, `deposit-not-found`' })
  @ApiUnprocessableEntityResponse({
    description:
      '`correction-reason-missing`, `reversal-would-break-invariant`, `invalid-input` (moveToCompanyId the same company), ' +
      '`wrong-currency`, `business-date-before-dependency`',
  })
  @ApiAcceptedResponse({
    type: GuaranteeProposalPendingView,
    description:
      'four-eyes: the company’s policy makes corrections need a second person, so nothing is committed yet: `{ proposalId, status: "pending", action, companyId, ' +
      'reserved, threshold, expiresAt }`; the deposit is locked and its amount held back from the guarantee fund (and so from every convention’s capacity), until a second guarantee officer confirms ' +
      '(POST /proposals/:id/confirmation), declines, or it expires',
  })
  reverse(
    @Param('companyId') companyId: string,
    @Param('depositId') depositId: string,
    @Body() body: ReverseDepositDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new ReverseDepositCommand(
        {
          companyId,
          depositId,
          reason: body.reason,
          correctedOn: body.correctedOn,
          moveTo: body.moveToCompanyId
            ? { companyId: body.moveToCompanyId, depositId: newEntityId(context, 'moved-deposit') }
            : null,
        },
        context,
      ),
    );
  }

  /**
   * The fund backs what the company guarantees: a withdrawal that would leave a convention's
   * headroom, or the company's, negative (as of its date or later) is refused with the figures,
   * unless `overrideHeadroom` (with a `reason`) asks a second person to confirm it.
   */
  @Post(':depositId/withdrawals')
  @ApiOperation({
    summary:
      'Withdraw from a guarantee fund deposit (refused past what the fund backs, unless overridden by four-eyes)',
  })
  @ApiCreatedResponse({ type: FundMovementView, description: 'withdrawn: `{ companyId, depositId, fundBalance }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`, `deposit-not-found`' })
  @ApiConflictResponse({ description: '`correction-pending`: the deposit is locked by a pending proposal' })
  @ApiAcceptedResponse({
    type: GuaranteeProposalPendingView,
    description:
      'with `overrideHeadroom` past the headroom: only proposed, `{ proposalId, status: "pending", action: "withdraw-guarantee-fund", companyId, depositId, reserved, expiresAt }`; ' +
      'the amount is held back from the fund and the deposit locked until a second guarantee officer or an admin confirms it through the proposals API, declines it, or it expires',
  })
  @ApiUnprocessableEntityResponse({
    description:
      '`withdrawal-exceeds-headroom` (details.conventions: each limit broken, with `capacityAfter`, `outstanding`, `headroomAfter` and the date `on`), ' +
      '`business-date-before-dependency` (withdrawnOn before the deposit), `withdrawal-exceeds-deposit`, `insufficient-guarantee-fund`',
  })
  withdraw(
    @Param('companyId') companyId: string,
    @Param('depositId') depositId: string,
    @Body() body: FundWithdrawalDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new WithdrawGuaranteeFundCommand(
        {
          type: 'WithdrawGuaranteeFund',
          companyId,
          depositId,
          amount: MoneyDto.toMoney(body.amount),
          withdrawnOn: body.withdrawnOn,
          overrideHeadroom: body.overrideHeadroom ?? false,
          reason: body.reason ?? null,
        },
        context,
      ),
    );
  }
}
