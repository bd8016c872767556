import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import type { CommandContext } from '@ledger/event-sourcing';
import { AsOfQueryDto, CommandCtx } from '@ledger/platform';
import { GuaranteeBalancesAsOfQuery } from '../as-of';
import { RegisterCompanyCommand } from '../commands/register-company.command';
import { GetCompanyQuery } from '../queries/get-company.query';
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
