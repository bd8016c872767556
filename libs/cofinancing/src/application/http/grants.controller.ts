import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, MoneyDto, cursorCodec, invalidField, OffsetPageDto } from '@ledger/platform';
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
  CofinancingProposalPendingView,
  DisbursementReversedView,
  GrantApprovedView,
  GrantCancelledView,
  GrantClosedView,
  GrantDetailView,
  GrantDisbursedView,
  GrantRejectedView,
  GrantRequestedView,
  SubsidyPreviewView,
  GrantView,
} from './dto/cofinancing-views';
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
  @CommandDocs({
    notFound: '`fund-not-found`, `window-not-found`, `beneficiary-not-found`',
    unprocessable:
      '`wrong-currency`, `amount-not-positive` (eligible cost), `invalid-date`, `business-date-before-dependency` ' +
      '(requested before the fund was created, the window opened or the beneficiary enrolled)',
  })
  @ApiOperation({ summary: 'Request a grant for a beneficiary’s eligible cost in a window' })
  @ApiCreatedResponse({ type: GrantRequestedView, description: 'the grant id and its participation year' })
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
  @CommandDocs({
    notFound: '`grant-not-found`',
    conflict: '`illegal-grant-transition` (not requested), `grant-approval-pending` (a proposal already waits)',
    unprocessable:
      '`fund-insufficient`, `cap-exceeded`, `no-schedule-in-force`, `participation-year-ineligible`, ' +
      '`business-date-before-dependency`, with the figures',
  })
  @ApiOperation({ summary: 'Approve a requested grant: compute its subsidy and commit it from the fund' })
  @ApiOkResponse({
    type: GrantApprovedView,
    description: 'the subsidy computed (rate, schedule version, cap) and the fund’s available after it',
  })
  @ApiAcceptedResponse({
    type: CofinancingProposalPendingView,
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
  @CommandDocs({
    notFound: '`grant-not-found`',
    conflict: '`illegal-grant-transition` (not requested), `grant-proposals-pending` (naming them)',
    unprocessable: '`business-date-before-dependency` (rejected before it was requested)',
  })
  @ApiOperation({ summary: 'Reject a requested grant, with the reason' })
  @ApiOkResponse({ type: GrantRejectedView, description: 'rejected' })
  reject(@Param('grantId') grantId: string, @Body() body: RejectGrantDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RejectGrantCommand(
        { type: 'RejectGrant', grantId, rejectedOn: body.rejectedOn, reason: body.reason },
        context,
      ),
    );
  }

  @Post(':grantId/disbursements')
  @CommandDocs({
    notFound: '`grant-not-found`',
    conflict:
      '`illegal-grant-transition` (not approved), `duplicate-invoice`, `disbursement-already-recorded`, ' +
      '`held-by-pending-proposal` (the invoice reference is held by a pending proposal)',
    unprocessable:
      '`commitment-exhausted` (naming `reserved`), `wrong-currency`, `amount-not-positive`, ' +
      '`business-date-before-dependency` (paid before the approval)',
  })
  @ApiOperation({ summary: 'Pay an invoice of an approved grant: its subsidy share, from the commitment' })
  @ApiCreatedResponse({
    type: GrantDisbursedView,
    description:
      'what the invoice was paid and by which rule; the commitment left (after what pending proposals reserve: ' +
      '422 `commitment-exhausted` names `reserved` (`{amountMinor, currency}`); 409 `held-by-pending-proposal` for an invoice reference ' +
      'a pending proposal holds)',
  })
  @ApiAcceptedResponse({
    type: CofinancingProposalPendingView,
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
  @CommandDocs({
    notFound: '`grant-not-found`, `disbursement-not-found`',
    conflict:
      '`illegal-grant-transition` (not approved), `entry-already-reversed`, `held-by-pending-proposal`, and for ' +
      'the replacement `duplicate-invoice`',
    unprocessable:
      '`correction-reason-missing`, `business-date-before-dependency` (corrected before the disbursement), and for ' +
      'the replacement `commitment-exhausted`, `wrong-currency`, `amount-not-positive`',
  })
  @ApiOperation({ summary: 'Reverse a disbursement (a correction), optionally recording the right entry in its place' })
  @ApiOkResponse({
    type: DisbursementReversedView,
    description:
      'a correction: the disbursement is reversed by a new event linked to it (never edited), with the reason; ' +
      'optionally the right entry is recorded in its place in the same append. Refused if already reversed, or ' +
      '(409 `held-by-pending-proposal`) while a correction proposal on it is pending',
  })
  @ApiAcceptedResponse({
    type: CofinancingProposalPendingView,
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
  @CommandDocs({
    notFound: '`grant-not-found`',
    conflict: '`illegal-grant-transition` (not approved), `grant-proposals-pending` (naming them)',
    unprocessable: '`business-date-before-dependency` (closed before the approval or the last disbursement)',
  })
  @ApiOperation({ summary: 'Close an approved grant, returning its unused commitment to the fund' })
  @ApiOkResponse({
    type: GrantClosedView,
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
  @CommandDocs({
    notFound: '`grant-not-found`',
    conflict:
      '`illegal-grant-transition` (not requested or approved, or it has disbursements), ' +
      '`grant-proposals-pending` (naming them)',
    unprocessable: '`business-date-before-dependency` (cancelled before the request or the approval)',
  })
  @ApiOperation({ summary: 'Cancel a grant before any disbursement, returning its commitment to the fund' })
  @ApiOkResponse({
    type: GrantCancelledView,
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
  @ApiOperation({ summary: 'List grants, filtered by fund, window, beneficiary, status, year or funding status' })
  @ApiOkResponse({
    type: OffsetPageDto(GrantView),
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
  @ApiOperation({ summary: 'Preview what approving a requested grant now would give; writes nothing' })
  @ApiNotFoundResponse({ description: '`grant-not-found`' })
  @ApiOkResponse({
    type: SubsidyPreviewView,
    description:
      'for a requested grant: what approving it now would give — rate of its participation year, rate subsidy, ' +
      'the cap, what is used and left of it, the subsidy, own share, the fund available — and, if it would be ' +
      'refused, the refusal (e.g. cap-exceeded, fund-insufficient). Computed by the approval’s own rules; writes nothing',
  })
  subsidyPreview(@Param('grantId') grantId: string) {
    return this.queries.execute(new GetSubsidyPreviewQuery(grantId));
  }

  @Get(':grantId')
  @ApiOperation({ summary: 'A grant with its approval computation and disbursements' })
  @ApiNotFoundResponse({ description: '`grant-not-found`' })
  @ApiOkResponse({
    type: GrantDetailView,
    description:
      'the grant, its approval computation and its disbursements; `reserved`: what pending disbursement and ' +
      'correction proposals hold of its commitment (not a balance: `commitmentLeft` ignores it)',
  })
  get(@Param('grantId') grantId: string) {
    return this.queries.execute(new GetGrantQuery(grantId));
  }
}
