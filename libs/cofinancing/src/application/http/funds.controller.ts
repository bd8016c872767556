import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { CommandCtx } from '@ledger/platform';
import { CreateFundCommand } from '../commands';
import { GetFundQuery } from '../queries';
import { CommandDocs } from './api-docs';
import { CreateFundDto } from './dto/fund.dto';

@ApiTags('cofinancing: funds')
@ResourceAccess('cofinancing')
@Controller('cofinancing/funds')
export class FundsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandDocs()
  @ApiCreatedResponse({ description: 'the fund id and the log position' })
  create(@Body() body: CreateFundDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new CreateFundCommand(
        {
          type: 'CreateFund',
          fundId: newEntityId(context, 'fund'),
          name: body.name,
          currency: body.currency,
          createdOn: body.createdOn,
        },
        context,
      ),
    );
  }

  @Get(':fundId')
  @ApiOkResponse({ description: 'balances: contributed, committed, disbursed, available (= contributed − committed)' })
  get(@Param('fundId') fundId: string) {
    return this.queries.execute(new GetFundQuery(fundId));
  }
}
