import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { BasisPoints } from '@ledger/money';
import { AsOfQueryDto, CommandCtx, ListQueryDto, MoneyDto, PageDto, pageOf } from '@ledger/platform';
import { GuaranteeBalancesAsOfQuery } from '../as-of';
import { AmendConventionCommand } from '../commands/amend-convention.command';
import { IssueGuaranteeCommand } from '../commands/issue-guarantee.command';
import { SignConventionCommand } from '../commands/sign-convention.command';
import { TerminateConventionCommand } from '../commands/terminate-convention.command';
import { GetConventionQuery } from '../queries/get-convention.query';
import { ListConventionGuaranteesQuery } from '../queries/list-convention-guarantees.query';
import { AmendConventionDto } from './dto/amend-convention.dto';
import {
  ConventionReceiptView,
  ConventionView,
  GuaranteeIssuedView,
  GuaranteeProposalPendingView,
} from './dto/guarantees-views';
import { IssueGuaranteeDto } from './dto/issue-guarantee.dto';
import { GuaranteeListItemDto } from './dto/list-guarantees.dto';
import { SignConventionDto } from './dto/sign-convention.dto';
import { TerminateConventionDto } from './dto/terminate-convention.dto';
import { parseMultiplier } from './parse';

@ApiTags('mutual guarantee: bank conventions')
@ResourceAccess('guarantees')
@Controller('bank-conventions')
export class ConventionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Sign a convention between a company and a bank: multiplier, coverage rate, ceiling and validity',
  })
  @ApiCreatedResponse({
    type: ConventionReceiptView,
    description: 'signed: its terms and the capacity, outstanding and headroom under them',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`' })
  @ApiConflictResponse({ description: '`already-exists`' })
  @ApiUnprocessableEntityResponse({
    description:
      '`invalid-input` (multiplier or coverage zero, validUntil before validFrom, a bad multiplier), `wrong-currency`, ' +
      '`business-date-before-dependency`',
  })
  sign(@Body() body: SignConventionDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new SignConventionCommand(
        {
          conventionId: newEntityId(context, 'convention'),
          companyId: body.companyId,
          bankId: body.bankId,
          multiplier: parseMultiplier(body.multiplier),
          coverageRate: BasisPoints.of(body.coverageRateBp),
          ceilingBasis: body.ceilingBasis,
          maxGuaranteedPerLoan: body.maxGuaranteedPerLoan ? MoneyDto.toMoney(body.maxGuaranteedPerLoan) : null,
          validFrom: body.validFrom,
          validUntil: body.validUntil,
          signedOn: body.signedOn,
        },
        context,
      ),
    );
  }

  @Get(':conventionId')
  @ApiOperation({
    summary: 'A convention: its terms in force, capacity, outstanding and headroom (now or as of a date)',
  })
  @ApiOkResponse({
    type: ConventionView,
    description:
      'live (with `position`), or with `?asOf=&knownAt=` with the terms in force on that date, as known then',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: asOf or knownAt malformed or out of range' })
  @ApiNotFoundResponse({ description: '`convention-not-found`' })
  get(@Param('conventionId') conventionId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new GuaranteeBalancesAsOfQuery({ kind: 'convention', conventionId }, AsOfQueryDto.toInput(at)),
      );
    }
    return this.queries.execute(new GetConventionQuery(conventionId));
  }

  @Post(':conventionId/amendments')
  @ApiOperation({ summary: 'Amend a convention’s terms from a date (a new terms version)' })
  @ApiCreatedResponse({
    type: ConventionReceiptView,
    description: 'amended: the terms now in force and the figures under them',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`convention-not-found`' })
  @ApiUnprocessableEntityResponse({
    description:
      '`convention-terminated`, `invalid-input` (e.g. validUntil before the amendment takes effect), `wrong-currency`, ' +
      '`business-date-before-dependency`',
  })
  amend(
    @Param('conventionId') conventionId: string,
    @Body() body: AmendConventionDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new AmendConventionCommand(
        {
          conventionId,
          effectiveFrom: body.effectiveFrom,
          amendedOn: body.amendedOn,
          multiplier: body.multiplier === undefined ? undefined : parseMultiplier(body.multiplier),
          coverageRate: body.coverageRateBp === undefined ? undefined : BasisPoints.of(body.coverageRateBp),
          ceilingBasis: body.ceilingBasis,
          maxGuaranteedPerLoan:
            body.maxGuaranteedPerLoan === undefined
              ? undefined
              : body.maxGuaranteedPerLoan === null
                ? null
                : MoneyDto.toMoney(body.maxGuaranteedPerLoan),
          validUntil: body.validUntil ?? undefined,
        },
        context,
      ),
    );
  }

  @Post(':conventionId/termination')
  @ApiOperation({ summary: 'Terminate a convention: it takes no new guarantees' })
  @ApiCreatedResponse({
    type: ConventionReceiptView,
    description: 'terminated: its last terms and the figures under them',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`convention-not-found`' })
  @ApiUnprocessableEntityResponse({ description: '`convention-terminated`, `business-date-before-dependency`' })
  terminate(
    @Param('conventionId') conventionId: string,
    @Body() body: TerminateConventionDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(new TerminateConventionCommand({ conventionId, ...body }, context));
  }

  /** Issues a guarantee on one member's loan under this convention. */
  @Post(':conventionId/guarantees')
  @ApiOperation({
    summary: 'Issue a guarantee on a member’s loan under this convention (four-eyes above the company’s threshold)',
  })
  @ApiCreatedResponse({
    type: GuaranteeIssuedView,
    description: 'issued: the guaranteed amount, the exposure it adds, capacity, outstanding and headroom after it',
  })
  @ApiConflictResponse({
    description:
      '`loan-already-guaranteed`, or `loan-guarantee-pending`: a guarantee on this loan waits for a second officer',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`convention-not-found`, `company-not-found`, `member-not-found`' })
  @ApiUnprocessableEntityResponse({
    description:
      '`convention-not-yet-valid`, `convention-expired`, `convention-terminated`, `insufficient-headroom`, ' +
      '`loan-above-convention-maximum`, `member-not-in-good-standing`, `member-has-left`, `wrong-currency`, `invalid-input`, ' +
      '`business-date-before-dependency`',
  })
  @ApiAcceptedResponse({
    type: GuaranteeProposalPendingView,
    description:
      'four-eyes: the guaranteed amount exceeds the company’s `issueGuaranteeAbove`, so nothing is committed yet: `{ proposalId, status: "pending", action, companyId, ' +
      'reserved, threshold, expiresAt, guaranteeId, conventionId }`; its exposure (on the convention’s headroom, net of every other pending reservation) and the loan are reserved until a second guarantee officer confirms ' +
      '(POST /proposals/:id/confirmation), declines, or it expires',
  })
  issue(
    @Param('conventionId') conventionId: string,
    @Body() body: IssueGuaranteeDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new IssueGuaranteeCommand({ ...body, conventionId, principal: MoneyDto.toMoney(body.principal) }, context),
    );
  }

  @Get(':conventionId/guarantees')
  @ApiOperation({ summary: 'The guarantees under one convention, by issuing date' })
  @ApiOkResponse({ type: PageDto(GuaranteeListItemDto), description: '`{ items, total, nextCursor? }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: a limit out of 1..200; `invalid-cursor`' })
  async guarantees(@Param('conventionId') conventionId: string, @Query() query: ListQueryDto) {
    return pageOf(
      'convention-guarantees',
      await this.queries.execute(new ListConventionGuaranteesQuery(conventionId)),
      query,
    );
  }
}
