import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import type { CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, DeclineProposalDto } from '@ledger/platform';
import { ConfirmGuaranteeProposalCommand, DeclineGuaranteeProposalCommand } from '../commands/four-eyes.commands';
import { ListGuaranteeProposalsQuery } from '../queries/list-proposals.query';
import { ListGuaranteeProposalsQueryDto } from './dto/four-eyes.dto';

/**
 * Four-eyes proposals of the mutual guarantee context: an issuance above the company's threshold,
 * or a correction under its policy, waits here for a second guarantee officer, with what it would
 * use reserved, until confirmed, declined or expired.
 */
@ApiTags('mutual guarantee: four-eyes proposals')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ResourceAccess('guarantees')
@Controller('guarantees/proposals')
export class GuaranteeProposalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      '`{ proposals }` (filter with `?status=pending` and `?companyId=`), oldest first: each with its action, the ' +
      'command waiting, what it reserves (headroom on the convention, guarantee fund on the company), the threshold ' +
      'it exceeded, the proposer, the deadline and, once settled, who settled it, when and why',
  })
  list(@Query() query: ListGuaranteeProposalsQueryDto) {
    return this.queries.execute(new ListGuaranteeProposalsQuery({ status: query.status, companyId: query.companyId }));
  }

  @Get(':proposalId')
  @ApiOkResponse({ description: 'one proposal, as in the list' })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  async get(@Param('proposalId') proposalId: string) {
    const { proposals } = await this.queries.execute(new ListGuaranteeProposalsQuery({ proposalId }));
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
  @ApiOkResponse({
    description:
      'confirmed by a second guarantee officer: the reservation is released and the command decided again on ' +
      'current state and committed, atomically: `{ proposalId, status: "confirmed", action, released, committed }`',
  })
  @ApiForbiddenResponse({
    description: '`self-confirmation-refused`: the person who proposed it may not confirm it (nothing is written)',
  })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  @ApiConflictResponse({
    description: '`proposal-not-pending`: already confirmed, declined or expired, or past its deadline',
  })
  @ApiUnprocessableEntityResponse({
    description: 'the command, decided again on current state, is refused by a rule (e.g. `insufficient-headroom`)',
  })
  confirm(@Param('proposalId') proposalId: string, @CommandCtx() context: CommandContext) {
    return this.commands.execute(new ConfirmGuaranteeProposalCommand(proposalId, context));
  }

  @Post(':proposalId/decline')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'declined (by any guarantee officer, the proposer included), with the reason: the reservation is released, ' +
      'nothing is committed',
  })
  @ApiBadRequestResponse({ description: 'the reason is missing' })
  @ApiNotFoundResponse({ description: '`proposal-not-found`' })
  @ApiConflictResponse({ description: '`proposal-not-pending`' })
  decline(
    @Param('proposalId') proposalId: string,
    @Body() body: DeclineProposalDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(new DeclineGuaranteeProposalCommand(proposalId, body.reason, context));
  }
}
