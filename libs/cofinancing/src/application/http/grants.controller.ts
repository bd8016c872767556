import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, MoneyDto, cursorCodec, invalidField } from '@ledger/platform';
import {
  ApproveGrantCommand,
  CancelGrantCommand,
  CloseGrantCommand,
  DisburseGrantCommand,
  RejectGrantCommand,
  RequestGrantCommand,
  ReverseDisbursementCommand,
} from '../commands';
import { GRANTS_LIST, GetGrantQuery, GetSubsidyPreviewQuery, ListGrantsQuery } from '../queries';

const isPosition = (value: unknown): value is string => typeof value === 'string' && /^\d{1,19}$/.test(value);
import { CommandDocs } from './api-docs';
import {
  ApproveGrantDto,
  CancelGrantDto,
  CloseGrantDto,
  DisburseGrantDto,
  ListGrantsQueryDto,
  RejectGrantDto,
  RequestGrantDto,
  ReverseDisbursementDto,
} from './dto/grant.dto';

@ApiTags('cofinancing: grants')
@ResourceAccess('cofinancing')
@Controller('cofinancing/grants')
export class GrantsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandDocs()
  @ApiCreatedResponse({ description: 'the grant id and its participation year' })
  request(@Body() body: RequestGrantDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RequestGrantCommand(
        {
          type: 'RequestGrant',
          grantId: newEntityId(context, 'grant'),
          fundId: body.fundId,
          windowId: body.windowId,
          beneficiaryId: body.beneficiaryId,
          serviceProvider: body.serviceProvider,
          description: body.description,
          eligibleCost: MoneyDto.toMoney(body.eligibleCost),
          requestedOn: body.requestedOn,
        },
        context,
      ),
    );
  }

  @Post(':grantId/approval')
  @HttpCode(200)
  @CommandDocs()
  @ApiOkResponse({
    description: 'the subsidy computed (rate, schedule version, cap) and the fund’s available after it',
  })
  @ApiAcceptedResponse({
    description:
      'four-eyes: the subsidy exceeds the fund’s `approveGrantAbove`, so nothing is approved yet: ' +
      '`{ proposalId, status: "pending", expiresAt, reserved, threshold }`; the subsidy is reserved until a second ' +
      'fund manager confirms (`POST /proposals/:id/confirmation`), declines, or it expires',
  })
  approve(@Param('grantId') grantId: string, @Body() body: ApproveGrantDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new ApproveGrantCommand({ type: 'ApproveGrant', grantId, approvedOn: body.approvedOn }, context),
    );
  }

  @Post(':grantId/rejection')
  @HttpCode(200)
  @CommandDocs()
  @ApiOkResponse({ description: 'rejected' })
  reject(@Param('grantId') grantId: string, @Body() body: RejectGrantDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RejectGrantCommand(
        { type: 'RejectGrant', grantId, rejectedOn: body.rejectedOn, reason: body.reason },
        context,
      ),
    );
  }

  @Post(':grantId/disbursements')
  @CommandDocs()
  @ApiCreatedResponse({
    description:
      'what the invoice was paid and by which rule; the commitment left (after what pending proposals reserve: ' +
      '422 `commitment-exhausted` names `reserved` (`{amountMinor, currency}`); 409 `held-by-pending-proposal` for an invoice reference ' +
      'a pending proposal holds)',
  })
  @ApiAcceptedResponse({
    description:
      'four-eyes: the paid share exceeds the fund’s `disburseAbove`, so nothing is paid yet: ' +
      '`{ proposalId, status: "pending", action: "disburse-grant", disbursementId, expiresAt, reserved, threshold }`; ' +
      'the payment (computed now by the ordinary rule) and the invoice reference are reserved on the grant until a ' +
      'second fund manager confirms (`POST /proposals/:id/confirmation`: paid, decided again on current ' +
      'state), declines, or it expires',
  })
  disburse(@Param('grantId') grantId: string, @Body() body: DisburseGrantDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new DisburseGrantCommand(
        {
          type: 'DisburseGrant',
          grantId,
          disbursementId: newEntityId(context, 'disbursement'),
          invoiceReference: body.invoiceReference,
          invoiceDate: body.invoiceDate,
          invoiceAmount: MoneyDto.toMoney(body.invoiceAmount),
          disbursedOn: body.disbursedOn,
        },
        context,
      ),
    );
  }

  @Post(':grantId/disbursements/:disbursementId/reversal')
  @HttpCode(200)
  @CommandDocs()
  @ApiOkResponse({
    description:
      'a correction: the disbursement is reversed by a new event linked to it (never edited), with the reason; ' +
      'optionally the right entry is recorded in its place in the same append. Refused if already reversed, or ' +
      '(409 `held-by-pending-proposal`) while a correction proposal on it is pending',
  })
  @ApiAcceptedResponse({
    description:
      'four-eyes: the fund’s policy has `correctionsNeedSecondPerson`, so nothing is reversed yet: ' +
      '`{ proposalId, status: "pending", action: "reverse-disbursement", disbursementId, expiresAt, reserved, ' +
      'threshold: null }`; the entry is locked and the extra commitment its replacement would use (max(0, ' +
      'replacement − reversed payment)) is reserved until a second fund manager confirms, declines, or it expires',
  })
  reverseDisbursement(
    @Param('grantId') grantId: string,
    @Param('disbursementId') disbursementId: string,
    @Body() body: ReverseDisbursementDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new ReverseDisbursementCommand(
        {
          type: 'ReverseDisbursement',
          grantId,
          disbursementId,
          reason: body.reason,
          correctedOn: body.correctedOn,
          replacement: body.replacement
            ? {
                disbursementId: newEntityId(context, 'replacement-disbursement'),
                invoiceReference: body.replacement.invoiceReference,
                invoiceDate: body.replacement.invoiceDate,
                invoiceAmount: MoneyDto.toMoney(body.replacement.invoiceAmount),
              }
            : null,
        },
        context,
      ),
    );
  }

  @Post(':grantId/closure')
  @HttpCode(200)
  @CommandDocs()
  @ApiOkResponse({
    description:
      'closed; the unused commitment returned to the fund. 409 `grant-proposals-pending` (naming them) while ' +
      'four-eyes proposals on the grant wait',
  })
  close(@Param('grantId') grantId: string, @Body() body: CloseGrantDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new CloseGrantCommand({ type: 'CloseGrant', grantId, closedOn: body.closedOn }, context),
    );
  }

  @Post(':grantId/cancellation')
  @HttpCode(200)
  @CommandDocs()
  @ApiOkResponse({
    description:
      'cancelled before any disbursement; its commitment returned to the fund. 409 `grant-proposals-pending` ' +
      '(naming them) while a four-eyes proposal on the grant waits',
  })
  cancel(@Param('grantId') grantId: string, @Body() body: CancelGrantDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new CancelGrantCommand(
        { type: 'CancelGrant', grantId, cancelledOn: body.cancelledOn, reason: body.reason },
        context,
      ),
    );
  }

  @Get()
  @ApiOkResponse({
    description:
      '`{ items, total, nextCursor? }`: grants in request order, filtered by fund, window, beneficiary, status, ' +
      'year, funding status; `?limit=` (1..200, default 50) and `?cursor=` (`?offset=` deprecated)',
  })
  @ApiBadRequestResponse({
    description:
      '`validation-failed`: a limit out of 1..200, a bad filter, or both cursor and offset; `invalid-cursor`',
  })
  list(@Query() query: ListGrantsQueryDto) {
    const { limit = 50, offset, cursor, ...filter } = query;
    if (offset !== undefined && cursor !== undefined) throw invalidField('offset', 'use cursor or offset, not both');
    const start =
      cursor !== undefined
        ? { afterPosition: cursorCodec.decode(GRANTS_LIST, cursor, isPosition) }
        : offset !== undefined
          ? { offset }
          : null;
    return this.queries.execute(new ListGrantsQuery(filter, limit, start));
  }

  @Get(':grantId/subsidy-preview')
  @ApiOkResponse({
    description:
      'for a requested grant: what approving it now would give — rate of its participation year, rate subsidy, ' +
      'the cap, what is used and left of it, the subsidy, own share, the fund available — and, if it would be ' +
      'refused, the refusal (e.g. cap-exceeded, fund-insufficient). Computed by the approval’s own rules; writes nothing',
  })
  subsidyPreview(@Param('grantId') grantId: string) {
    return this.queries.execute(new GetSubsidyPreviewQuery(grantId));
  }

  @Get(':grantId')
  @ApiOkResponse({
    description:
      'the grant, its approval computation and its disbursements; `reserved`: what pending disbursement and ' +
      'correction proposals hold of its commitment (not a balance: `commitmentLeft` ignores it)',
  })
  get(@Param('grantId') grantId: string) {
    return this.queries.execute(new GetGrantQuery(grantId));
  }
}
