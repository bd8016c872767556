import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { AsOfQueryDto, CommandCtx } from '@ledger/platform';
import { GuaranteeBalancesAsOfQuery } from '../as-of';
import { RegisterFederationCommand } from '../commands/register-federation.command';
import { GetFederationQuery } from '../queries/get-federation.query';
import { RegisterFederationDto } from './dto/register-federation.dto';

@ApiTags('mutual guarantee: federations')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ResourceAccess('guarantees')
@Controller('guarantee-federations')
export class FederationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  register(@Body() body: RegisterFederationDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RegisterFederationCommand({ ...body, federationId: newEntityId(context, 'federation') }, context),
    );
  }

  /** The federation with figures consolidated over its companies. */
  @Get(':federationId')
  get(@Param('federationId') federationId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new GuaranteeBalancesAsOfQuery({ kind: 'federation', federationId }, AsOfQueryDto.toInput(at)),
      );
    }
    return this.queries.execute(new GetFederationQuery(federationId));
  }
}
