import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceAccess, type ResourceFamily } from '@ledger/access';
import type { CommandContext } from '@ledger/event-sourcing';
import { ProposalNotPending } from '@ledger/kernel';
import { CommandCtx, DeclineProposalDto } from '@ledger/platform';
import { FourEyes } from '../four-eyes.service';
import { ProposalsReadModel, type ProposalView } from '../read-model/proposals.read-model';
import { deprecatedFor } from './deprecation';
import { LegacyProposalListView, LegacyProposalView, ProposalSettledView } from './proposal-views';
import { LegacyListProposalsDto } from './dto';
import { notFound } from './proposals.controller';

export interface DeprecatedProposalRoutes {
  /** The context whose proposals the routes serve (and its route family). */
  readonly context: ResourceFamily;
  /** Where they were, e.g. `cofinancing/proposals`. */
  readonly path: string;
  readonly tag: string;
}

/**
 * The proposal routes a context had before `/proposals`, kept for one release: the same paths,
 * bodies and answers (`{ proposals }`, subjects as fields of their own), served by the one four-eyes
 * service, each answer saying `Deprecation: true` with its successor in `Link`. A proposal of
 * another context is not found here.
 */
export function deprecatedProposalsController(routes: DeprecatedProposalRoutes): Type<unknown> {
  const { context } = routes;
  const ownOnly = (proposal: { context: string; proposalId: string }) => {
    if (proposal.context !== context) throw new ProposalNotPending(proposal.proposalId, 'none', 'not-found');
  };

  @ApiTags(routes.tag)
  @ResourceAccess(context)
  @Controller(routes.path)
  class DeprecatedProposalsController {
    constructor(
      readonly fourEyes: FourEyes,
      readonly proposals: ProposalsReadModel,
    ) {}

    @Get()
    @ApiOperation({ deprecated: true, summary: `use GET /proposals?context=${context}` })
    @ApiOkResponse({ type: LegacyProposalListView, description: '`{ proposals }`, oldest first (at most 500)' })
    @UseInterceptors(deprecatedFor(`/proposals?context=${context}`))
    async list(@Query() query: LegacyListProposalsDto) {
      const { status, action, ...subject } = query;
      const page = await this.proposals.list({ contexts: [context], status, action, subject, limit: 500 });
      return { proposals: page.items.map(legacyView) };
    }

    @Get(':proposalId')
    @ApiOperation({ deprecated: true, summary: 'use GET /proposals/:proposalId' })
    @ApiOkResponse({ type: LegacyProposalView })
    @UseInterceptors(deprecatedFor('/proposals/:proposalId'))
    async get(@Param('proposalId') proposalId: string) {
      const proposal = await this.proposals.get(proposalId);
      if (!proposal || proposal.context !== context) throw notFound(proposalId);
      return legacyView(proposal);
    }

    @Post(':proposalId/confirmation')
    @HttpCode(200)
    @ApiOperation({ deprecated: true, summary: 'use POST /proposals/:proposalId/confirmation' })
    @ApiOkResponse({ type: ProposalSettledView })
    @UseInterceptors(deprecatedFor('/proposals/:proposalId/confirmation'))
    confirm(@Param('proposalId') proposalId: string, @CommandCtx() ctx: CommandContext) {
      return this.fourEyes.confirm(proposalId, ctx, ownOnly);
    }

    @Post(':proposalId/decline')
    @HttpCode(200)
    @ApiOperation({ deprecated: true, summary: 'use POST /proposals/:proposalId/declination' })
    @ApiOkResponse({ type: ProposalSettledView })
    @UseInterceptors(deprecatedFor('/proposals/:proposalId/declination'))
    decline(
      @Param('proposalId') proposalId: string,
      @Body() body: DeclineProposalDto,
      @CommandCtx() ctx: CommandContext,
    ) {
      return this.fourEyes.decline(proposalId, body.reason, ctx, ownOnly);
    }
  }
  return DeprecatedProposalsController;
}

/** A proposal as the old routes showed it: its subjects as fields of their own. */
function legacyView(proposal: ProposalView) {
  const { subjects, ...rest } = proposal;
  return { ...subjects, ...rest };
}
