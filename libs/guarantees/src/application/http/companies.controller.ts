import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import type { CommandContext } from '@ledger/event-sourcing';
import { AsOfQueryDto, CommandCtx } from '@ledger/platform';
import { GuaranteeBalancesAsOfQuery } from '../as-of';
import { RegisterCompanyCommand } from '../commands/register-company.command';
import { GetCompanyQuery } from '../queries/get-company.query';
import { ListCompaniesQuery } from '../queries/list-companies.query';
import { ListCompaniesQueryDto } from './dto/list-companies.dto';
import { RegisterCompanyDto } from './dto/register-company.dto';

@ApiTags('mutual guarantee: companies')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ResourceAccess('guarantees')
@Controller('guarantee-companies')
export class CompaniesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  register(@Body() body: RegisterCompanyDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RegisterCompanyCommand({ ...body, federationId: body.federationId ?? null }, context),
    );
  }

  /** The companies by name, with their live balances, one page at a time. */
  @Get()
  @ApiOkResponse({
    description:
      '{ items, total, limit, offset }: each company with its members, capital, fund balance, outstanding, ' +
      'capacity and headroom (conventions in force), calls and recoveries, as GET /guarantee-companies/:id ' +
      'without its deposits and conventions',
  })
  list(@Query() query: ListCompaniesQueryDto) {
    return this.queries.execute(new ListCompaniesQuery(query.limit ?? 50, query.offset ?? 0));
  }

  /** Members, capital, fund balance, outstanding, capacity, headroom, calls, recoveries and rates. */
  @Get(':companyId')
  get(@Param('companyId') companyId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new GuaranteeBalancesAsOfQuery({ kind: 'company', companyId }, AsOfQueryDto.toInput(at)),
      );
    }
    return this.queries.execute(new GetCompanyQuery(companyId));
  }
}
