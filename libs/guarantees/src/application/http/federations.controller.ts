import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
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
import { AsOfQueryDto, CommandCtx } from '@ledger/platform';
import { GuaranteeBalancesAsOfQuery } from '../as-of';
import { RegisterFederationCommand } from '../commands/register-federation.command';
import { GetFederationQuery } from '../queries/get-federation.query';
import { FederationRegisteredView, FederationView } from './dto/guarantees-views';
import { RegisterFederationDto } from './dto/register-federation.dto';

@ApiTags('mutual guarantee: federations')
@ResourceAccess('guarantees')
@Controller('guarantee-federations')
export class FederationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a federation of mutual guarantee companies' })
  @ApiCreatedResponse({ type: FederationRegisteredView, description: 'registered: `{ federationId }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiConflictResponse({ description: '`already-exists`' })
  @ApiUnprocessableEntityResponse({ description: '`invalid-input`' })
  register(@Body() body: RegisterFederationDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RegisterFederationCommand({ ...body, federationId: newEntityId(context, 'federation') }, context),
    );
  }

  /** The federation with figures consolidated over its companies. */
  @Get(':federationId')
  @ApiOperation({ summary: 'A federation with figures consolidated over its companies (now or as of a date)' })
  @ApiOkResponse({
    type: FederationView,
    description: 'live (with `position`), or with `?asOf=&knownAt=` as of that date as known then',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: asOf or knownAt malformed or out of range' })
  @ApiNotFoundResponse({ description: '`federation-not-found`' })
  get(@Param('federationId') federationId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new GuaranteeBalancesAsOfQuery({ kind: 'federation', federationId }, AsOfQueryDto.toInput(at)),
      );
    }
    return this.queries.execute(new GetFederationQuery(federationId));
  }
}
