import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@ledger/access';
import type { CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, DeclineProposalDto, cursorCodec, invalidField } from '@ledger/platform';
import type { FourEyesContext } from '../four-eyes-action';
import { FOUR_EYES_CONTEXTS, FourEyes } from '../four-eyes.service';
import { ProposalsReadModel, type ProposalView } from '../read-model/proposals.read-model';
import { deprecatedFor } from './deprecation';
import { ProposalItemView, ProposalPageView, ProposalSettledView } from './proposal-views';
import { ListProposalsDto } from './dto';
import { mayUse, requireSettle, requireUse } from './proposal-access';

const PROPOSALS_LIST = 'proposals';
const isPosition = (value: unknown): value is string => typeof value === 'string' && /^\d{1,19}$/.test(value);

/** Everyone who works on a context or reads them all; what each may do is decided per proposal. */
const PROPOSAL_ROLES = ['fund_manager', 'guarantee_officer', 'auditor', 'admin'] as const;

/**
 * The four-eyes proposals of every context: a command above its policy's threshold (a grant
 * approval, a disbursement, a guarantee issuance, a correction…) waits here, with what it would use
 * reserved, for a second person of its context to confirm it — or anyone of it to decline it —
 * before its deadline. Fund managers see and settle co-financing proposals, guarantee officers
 * guarantees ones; auditors and admins read both; a bank none.
 */
@ApiTags('four-eyes proposals')
@Roles(...PROPOSAL_ROLES)
@Controller('proposals')
export class ProposalsController {
  private readonly contexts: readonly string[];

  constructor(
    private readonly fourEyes: FourEyes,
    private readonly proposals: ProposalsReadModel,
    @Inject(FOUR_EYES_CONTEXTS) contexts: readonly FourEyesContext[],
  ) {
    this.contexts = contexts.map((context) => context.name);
  }

  @Get()
  @ApiOperation({ summary: 'List the four-eyes proposals the caller may read, a page at a time' })
  @ApiOkResponse({
    type: ProposalPageView,
    description:
      '`{ items, nextCursor? }`, oldest first: each proposal with its context, action, subjects, the whole command ' +
      'waiting, what it reserves, the threshold it exceeded, who proposed it, its deadline and, once settled, who ' +
      'settled it, when and why. Without `context`: every context the caller may read',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`; `invalid-cursor`' })
  @ApiForbiddenResponse({ description: 'the caller may not read proposals of that context' })
  async list(@Query() query: ListProposalsDto, @CurrentPrincipal() principal: Principal) {
    if (query.context !== undefined && !this.contexts.includes(query.context))
      throw invalidField('context', `must be one of ${this.contexts.join(', ')}`);
    if (query.context !== undefined) requireUse(principal.role, query.context, 'read');
    const readable = (query.context === undefined ? this.contexts : [query.context]).filter((context) =>
      mayUse(principal.role, context, 'read'),
    );
    const separator = query.subject?.indexOf(':') ?? -1;
    const page = await this.proposals.list({
      contexts: readable,
      status: query.status,
      action: query.action,
      subject: query.subject ? { [query.subject.slice(0, separator)]: query.subject.slice(separator + 1) } : undefined,
      cursor: query.cursor === undefined ? undefined : cursorCodec.decode(PROPOSALS_LIST, query.cursor, isPosition),
      limit: query.limit ?? 50,
    });
    const { nextCursor, ...rest } = page;
    return nextCursor === undefined ? rest : { ...rest, nextCursor: cursorCodec.encode(PROPOSALS_LIST, nextCursor) };
  }

  @Get(':proposalId')
  @ApiOperation({ summary: 'One proposal: its command, reservation, deadline and settlement' })
  @ApiOkResponse({ type: ProposalItemView, description: 'one proposal, as in the list' })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  async get(@Param('proposalId') proposalId: string, @CurrentPrincipal() principal: Principal): Promise<ProposalView> {
    const proposal = await this.proposals.get(proposalId);
    if (!proposal) throw notFound(proposalId);
    requireUse(principal.role, proposal.context, 'read');
    return proposal;
  }

  @Post(':proposalId/confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a pending proposal (a second person of its context): the command is committed' })
  @ApiOkResponse({
    type: ProposalSettledView,
    description:
      'confirmed by a second person of its context: the reservation is released and the command decided again on ' +
      'current state and committed, atomically: `{ proposalId, status: "confirmed", context, action, released, … }` ' +
      'with what the command committed',
  })
  @ApiForbiddenResponse({
    description:
      '`self-confirmation-refused`: the proposer may not confirm it (nothing is written); `forbidden`: not of its ' +
      'context (an admin may settle a `set-approval-policy` proposal: a weakening of a four-eyes policy)',
  })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  @ApiConflictResponse({ description: '`proposal-not-pending`: confirmed, declined, expired, or past its deadline' })
  @ApiUnprocessableEntityResponse({
    description: 'the command, decided again on current state, is refused by a rule (e.g. `fund-insufficient`)',
  })
  confirm(@Param('proposalId') proposalId: string, @CommandCtx() context: CommandContext) {
    return this.fourEyes.confirm(proposalId, context, (proposal) => requireSettle(context.role, proposal));
  }

  @Post(':proposalId/confirm')
  @HttpCode(200)
  @ApiOperation({ deprecated: true, summary: 'Deprecated: use POST /proposals/:proposalId/confirmation' })
  @ApiOkResponse({ type: ProposalSettledView, description: 'as POST /proposals/:proposalId/confirmation' })
  @ApiForbiddenResponse({ description: 'as POST /proposals/:proposalId/confirmation' })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  @ApiConflictResponse({ description: '`proposal-not-pending`' })
  @ApiUnprocessableEntityResponse({ description: 'the command, decided again on current state, is refused by a rule' })
  @UseInterceptors(deprecatedFor('/proposals/:proposalId/confirmation'))
  confirmDeprecated(@Param('proposalId') proposalId: string, @CommandCtx() context: CommandContext) {
    return this.confirm(proposalId, context);
  }

  @Post(':proposalId/declination')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a pending proposal, with the reason: nothing is committed' })
  @ApiOkResponse({
    type: ProposalSettledView,
    description:
      'declined, with the reason, by anyone of its context (the proposer too: withdrawing needs no second person): ' +
      'the reservation is released, nothing is committed',
  })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  @ApiConflictResponse({ description: '`proposal-not-pending`' })
  decline(
    @Param('proposalId') proposalId: string,
    @Body() body: DeclineProposalDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.fourEyes.decline(proposalId, body.reason, context, (proposal) => requireSettle(context.role, proposal));
  }

  @Post(':proposalId/decline')
  @HttpCode(200)
  @ApiOperation({ deprecated: true, summary: 'Deprecated: use POST /proposals/:proposalId/declination' })
  @ApiOkResponse({ type: ProposalSettledView, description: 'as POST /proposals/:proposalId/declination' })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  @ApiConflictResponse({ description: '`proposal-not-pending`' })
  @UseInterceptors(deprecatedFor('/proposals/:proposalId/declination'))
  declineDeprecated(
    @Param('proposalId') proposalId: string,
    @Body() body: DeclineProposalDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.decline(proposalId, body, context);
  }
}

export function notFound(proposalId: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'proposal-not-found',
    message: `proposal ${proposalId} does not exist`,
  });
}
