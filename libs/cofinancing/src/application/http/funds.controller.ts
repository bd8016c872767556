import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { AsOfQueryDto, CommandCtx, ListQueryDto, pageOf } from '@ledger/platform';
import { CofinancingBalancesAsOfQuery } from '../as-of';
import { CreateFundCommand } from '../commands';
import { GetFundBalanceHistoryQuery, GetFundQuery, ListFundsQuery } from '../queries';
import { ApiOkOneOf, CommandDocs } from './api-docs';
import {
  CofinancingFundAsOfView,
  CofinancingFundBalanceHistoryView,
  CofinancingFundCreatedView,
  CofinancingFundPageView,
  CofinancingFundView,
} from './dto/cofinancing-views';
import { FundBalanceHistoryQueryDto } from './dto/fund-balance-history.dto';
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
  @CommandDocs({ notFound: false, conflict: '`fund-already-exists`', unprocessable: '`invalid-date`' })
  @ApiOperation({ summary: 'Create a co-financing fund in one currency' })
  @ApiCreatedResponse({ type: CofinancingFundCreatedView, description: 'the fund id and the log position' })
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

  @Get()
  @ApiOperation({ summary: 'List the funds with their live balances' })
  @ApiOkResponse({
    type: CofinancingFundPageView,
    description:
      '`{ items, total, nextCursor? }`: every fund with its live balances, in the order they were created, and ' +
      '`reserved` by pending four-eyes approval proposals; `?limit=` (1..200, default 50) and `?cursor=`',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: a limit out of 1..200; `invalid-cursor`' })
  async list(@Query() query: ListQueryDto) {
    const { items } = await this.queries.execute(new ListFundsQuery());
    return pageOf('funds', items, query);
  }

  @Get(':fundId/balance-history')
  @ApiOperation({ summary: 'A fund’s balances at each month end over a period, for a chart' })
  @ApiBadRequestResponse({
    description: '`validation-failed`: a malformed date, or one outside the business-date range',
  })
  @ApiNotFoundResponse({ description: '`fund-not-found`' })
  @ApiOkResponse({
    type: CofinancingFundBalanceHistoryView,
    description:
      'balances (contributed, committed, disbursed, available) at each month end from `from` to `to`, and at `to`; ' +
      'the same figures as ?asOf= on each of those days (at most 121 points: the latest are kept)',
  })
  balanceHistory(@Param('fundId') fundId: string, @Query() query: FundBalanceHistoryQueryDto) {
    return this.queries.execute(new GetFundBalanceHistoryQuery(fundId, query.from, query.to));
  }

  @Get(':fundId')
  @ApiOperation({ summary: 'A fund’s balances, live or as of a date' })
  @ApiBadRequestResponse({ description: '`validation-failed`: a malformed asOf or knownAt' })
  @ApiNotFoundResponse({ description: '`fund-not-found`' })
  @ApiOkOneOf(
    'balances: contributed, committed, disbursed, available (= contributed − committed), and `reserved`: what ' +
      'pending four-eyes approval proposals hold (not a balance, not subtracted from `available`, but no new ' +
      'approval can use it). With asOf/knownAt, the balances as of that point (reservations are not balances: none)',
    CofinancingFundView,
    CofinancingFundAsOfView,
  )
  get(@Param('fundId') fundId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(new CofinancingBalancesAsOfQuery({ kind: 'fund', fundId }, AsOfQueryDto.toInput(at)));
    }
    return this.queries.execute(new GetFundQuery(fundId));
  }
}
