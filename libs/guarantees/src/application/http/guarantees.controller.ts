import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
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
import type { CommandContext } from '@ledger/event-sourcing';
import { AsOfQueryDto, CommandCtx, MoneyDto } from '@ledger/platform';
import { GuaranteeBalancesAsOfQuery } from '../as-of';
import { CallGuaranteeCommand } from '../commands/call-guarantee.command';
import { PayClaimCommand } from '../commands/pay-claim.command';
import { RecordRecoveryCommand } from '../commands/record-recovery.command';
import { RecordRepaymentCommand } from '../commands/record-repayment.command';
import { ReverseRepaymentCommand } from '../commands/reverse-repayment.command';
import { GetGuaranteeQuery } from '../queries/get-guarantee.query';
import { CallGuaranteeDto } from './dto/call-guarantee.dto';
import { ClaimPaymentDto } from './dto/claim-payment.dto';
import { ReverseRepaymentDto } from './dto/correction.dto';
import { GuaranteeProposalPendingView, GuaranteeReceiptView, GuaranteeView } from './dto/guarantees-views';
import { RecoveryDto } from './dto/recovery.dto';
import { RepaymentDto } from './dto/repayment.dto';

@ApiTags('mutual guarantee: guarantees')
@ResourceAccess('guarantees')
@Controller('guarantees')
export class GuaranteesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':guaranteeId')
  @ApiOperation({
    summary: 'A guarantee: its loan, coverage, outstanding and, after a call, claim, payments and recoveries',
  })
  @ApiOkResponse({
    type: GuaranteeView,
    description: 'live (with `position`), or with `?asOf=&knownAt=` as of that date as known then',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: asOf or knownAt malformed or out of range' })
  @ApiNotFoundResponse({ description: '`guarantee-not-found`' })
  get(@Param('guaranteeId') guaranteeId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new GuaranteeBalancesAsOfQuery({ kind: 'guarantee', guaranteeId }, AsOfQueryDto.toInput(at)),
      );
    }
    return this.queries.execute(new GetGuaranteeQuery(guaranteeId));
  }

  @Post(':guaranteeId/repayments')
  @ApiOperation({
    summary: 'Record a repayment of the guaranteed loan’s principal (the guarantee is released when repaid)',
  })
  @ApiCreatedResponse({ type: GuaranteeReceiptView, description: 'the guarantee’s state and outstanding after it' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`guarantee-not-found`' })
  @ApiConflictResponse({ description: '`illegal-guarantee-transition`: released or called' })
  @ApiUnprocessableEntityResponse({
    description: '`repayment-exceeds-outstanding`, `wrong-currency`, `business-date-before-dependency`',
  })
  repay(@Param('guaranteeId') guaranteeId: string, @Body() body: RepaymentDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RecordRepaymentCommand(
        { guaranteeId, amount: MoneyDto.toMoney(body.amount), repaidOn: body.repaidOn },
        context,
      ),
    );
  }

  /**
   * A correction: the repayment (named by the id of its LoanRepaymentRecorded event, as the audit
   * history shows it) is reversed by a new event linked to it; the outstanding goes back up.
   */
  @Post(':guaranteeId/repayments/:repaymentEventId/reversal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reverse a recorded repayment (a correction with its reason): the outstanding goes back up',
  })
  @ApiOkResponse({ type: GuaranteeReceiptView, description: 'reversed: the guarantee’s outstanding after it' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`guarantee-not-found`, `repayment-not-found`' })
  @ApiUnprocessableEntityResponse({
    description: '`correction-reason-missing`, `reversal-would-break-invariant`, `business-date-before-dependency`',
  })
  @ApiConflictResponse({
    description:
      '`entry-already-reversed`, `illegal-guarantee-transition` (released or called), or `correction-pending`: a reversal of this repayment waits for a second officer',
  })
  @ApiAcceptedResponse({
    type: GuaranteeProposalPendingView,
    description:
      'four-eyes: the company’s policy makes corrections need a second person, so nothing is committed yet: `{ proposalId, status: "pending", action, companyId, ' +
      'reserved, threshold, expiresAt }`; the repayment is locked and the outstanding it would put back reserved on the convention’s headroom, until a second guarantee officer confirms ' +
      '(POST /proposals/:id/confirmation), declines, or it expires',
  })
  reverseRepayment(
    @Param('guaranteeId') guaranteeId: string,
    @Param('repaymentEventId') repaymentEventId: string,
    @Body() body: ReverseRepaymentDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new ReverseRepaymentCommand(
        { guaranteeId, repaymentEventId, reason: body.reason, correctedOn: body.correctedOn },
        context,
      ),
    );
  }

  /** The borrower defaulted: the bank calls the guarantee; the claim is coverage × outstanding. */
  @Post(':guaranteeId/call')
  @ApiOperation({
    summary: 'The borrower defaulted: the bank calls the guarantee; the claim is coverage × outstanding',
  })
  @ApiCreatedResponse({ type: GuaranteeReceiptView, description: 'called: the claim and the fund balance' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`guarantee-not-found`' })
  @ApiConflictResponse({ description: '`illegal-guarantee-transition`: released or already called' })
  @ApiUnprocessableEntityResponse({ description: '`business-date-before-dependency`' })
  call(
    @Param('guaranteeId') guaranteeId: string,
    @Body() body: CallGuaranteeDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(new CallGuaranteeCommand({ guaranteeId, ...body }, context));
  }

  @Post(':guaranteeId/claim-payments')
  @ApiOperation({ summary: 'Pay the bank (part of) a called guarantee’s claim from the guarantee fund' })
  @ApiCreatedResponse({
    type: GuaranteeReceiptView,
    description: 'the claim paid so far and the fund balance after it',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`guarantee-not-found`' })
  @ApiConflictResponse({ description: '`illegal-guarantee-transition`: not called' })
  @ApiUnprocessableEntityResponse({
    description:
      '`claim-exceeds-guaranteed-outstanding`, `insufficient-guarantee-fund`, `wrong-currency`, `business-date-before-dependency`',
  })
  payClaim(
    @Param('guaranteeId') guaranteeId: string,
    @Body() body: ClaimPaymentDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new PayClaimCommand(
        { guaranteeId, amount: body.amount ? MoneyDto.toMoney(body.amount) : null, paidOn: body.paidOn },
        context,
      ),
    );
  }

  @Post(':guaranteeId/recoveries')
  @ApiOperation({ summary: 'Record a recovery from the defaulted member, returned to the guarantee fund' })
  @ApiCreatedResponse({ type: GuaranteeReceiptView, description: 'recovered so far and the fund balance after it' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`guarantee-not-found`' })
  @ApiConflictResponse({ description: '`illegal-guarantee-transition`: not called' })
  @ApiUnprocessableEntityResponse({
    description: '`recovery-exceeds-claim-paid`, `wrong-currency`, `business-date-before-dependency`',
  })
  recover(@Param('guaranteeId') guaranteeId: string, @Body() body: RecoveryDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RecordRecoveryCommand(
        { guaranteeId, amount: MoneyDto.toMoney(body.amount), receivedOn: body.receivedOn },
        context,
      ),
    );
  }
}
