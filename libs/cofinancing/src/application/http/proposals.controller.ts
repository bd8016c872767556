import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import type { CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, DeclineProposalDto } from '@ledger/platform';
import { ConfirmProposalCommand, DeclineProposalCommand } from '../commands';
import { ListProposalsQuery } from '../queries';
import { CommandDocs } from './api-docs';
import { ListProposalsQueryDto } from './dto/four-eyes.dto';

/**
 * Four-eyes proposals: an approval, a disbursement above the fund's thresholds, or a correction
 * under its policy, waits here for a second fund manager, with what it would use reserved, until
 * confirmed, declined or expired.
 */
@ApiTags('cofinancing: four-eyes proposals')
@ResourceAccess('cofinancing')
@Controller('cofinancing/proposals')
export class ProposalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      'proposals (e.g. `?status=pending&action=disburse-grant`), oldest first, with the whole command each would ' +
      'decide, what it reserves and its deadline',
  })
  list(@Query() query: ListProposalsQueryDto) {
    return this.queries.execute(
      new ListProposalsQuery({
        status: query.status,
        fundId: query.fundId,
        grantId: query.grantId,
        action: query.action,
      }),
    );
  }

  @Get(':proposalId')
  @ApiOkResponse({ description: 'one proposal' })
  async get(@Param('proposalId') proposalId: string) {
    const { proposals } = await this.queries.execute(new ListProposalsQuery({ proposalId }));
    if (proposals.length === 0)
      throw new NotFoundException({
        statusCode: 404,
        error: 'proposal-not-found',
        message: `proposal ${proposalId} does not exist`,
      });
    return proposals[0];
  }

  @Post(':proposalId/confirmation')
  @HttpCode(200)
  @CommandDocs()
  @ApiForbiddenResponse({
    description: '`self-confirmation-refused`: the person who proposed it may not confirm it (nothing is written)',
  })
  @ApiOkResponse({
    description:
      'confirmed by a second person: the reservation is released and the command (approval, disbursement or ' +
      'correction) decided again on current state and recorded, atomically; the answer carries `subsidy`, ' +
      '`disbursement` or `correction` by action. 409 `proposal-not-pending` if confirmed, declined, expired or past ' +
      'its deadline',
  })
  confirm(@Param('proposalId') proposalId: string, @CommandCtx() context: CommandContext) {
    return this.commands.execute(new ConfirmProposalCommand({ proposalId }, context));
  }

  @Post(':proposalId/decline')
  @HttpCode(200)
  @CommandDocs()
  @ApiOkResponse({ description: 'declined: the reservation is released, nothing is committed' })
  decline(
    @Param('proposalId') proposalId: string,
    @Body() body: DeclineProposalDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(new DeclineProposalCommand({ proposalId, reason: body.reason }, context));
  }
}
