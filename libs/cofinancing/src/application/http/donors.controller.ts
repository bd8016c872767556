import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { AsOfListQueryDto, AsOfQueryDto, CommandCtx, MoneyDto, pageOf } from '@ledger/platform';
import { CofinancingBalancesAsOfQuery } from '../as-of';
import { RecordContributionCommand, RegisterDonorCommand } from '../commands';
import { ListDonorsQuery } from '../queries';
import { ApiOkOneOf, CommandDocs } from './api-docs';
import { ContributionRecordedView, DonorPageView, DonorRegisteredView, DonorsAsOfView } from './dto/cofinancing-views';
import { RecordContributionDto, RegisterDonorDto } from './dto/fund.dto';

@ApiTags('cofinancing: donors and contributions')
@ResourceAccess('cofinancing')
@Controller('cofinancing/funds/:fundId')
export class DonorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('donors')
  @CommandDocs({
    notFound: '`fund-not-found`',
    conflict: '`donor-already-registered`',
    unprocessable: '`invalid-date`, `business-date-before-dependency` (registered before the fund was created)',
  })
  @ApiOperation({ summary: 'Register a donor of the fund' })
  @ApiCreatedResponse({ type: DonorRegisteredView, description: 'the donor id' })
  register(@Param('fundId') fundId: string, @Body() body: RegisterDonorDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RegisterDonorCommand(
        {
          type: 'RegisterDonor',
          fundId,
          donorId: newEntityId(context, 'donor'),
          name: body.name,
          registeredOn: body.registeredOn,
        },
        context,
      ),
    );
  }

  @Post('contributions')
  @CommandDocs({
    notFound: '`fund-not-found`, `donor-not-found`',
    unprocessable:
      '`wrong-currency` (not the fund’s currency), `amount-not-positive`, `invalid-date`, ' +
      '`business-date-before-dependency` (received before the fund was created or the donor registered)',
  })
  @ApiOperation({ summary: 'Record a donor’s contribution to the fund' })
  @ApiCreatedResponse({
    type: ContributionRecordedView,
    description: 'the contribution id, and the fund’s contributed and available balances after it',
  })
  contribute(
    @Param('fundId') fundId: string,
    @Body() body: RecordContributionDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new RecordContributionCommand(
        {
          type: 'RecordContribution',
          fundId,
          contributionId: newEntityId(context, 'contribution'),
          donorId: body.donorId,
          amount: MoneyDto.toMoney(body.amount),
          receivedOn: body.receivedOn,
          reference: body.reference,
        },
        context,
      ),
    );
  }

  @Get('donors')
  @ApiOperation({ summary: 'List the fund’s donors and their contributions, live or as of a date' })
  @ApiOkOneOf(
    'without asOf, a page: per donor, contributed, and each contribution (amount, date, reference); ' +
      'with asOf/knownAt: contributed and the number of contributions at that point',
    DonorPageView,
    DonorsAsOfView,
  )
  @ApiNotFoundResponse({ description: '`fund-not-found`' })
  @ApiBadRequestResponse({
    description: '`validation-failed`: a limit out of 1..200 or a malformed date; `invalid-cursor`',
  })
  async list(@Param('fundId') fundId: string, @Query() at: AsOfListQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new CofinancingBalancesAsOfQuery({ kind: 'donors', fundId }, AsOfQueryDto.toInput(at)),
      );
    }
    const { items } = await this.queries.execute(new ListDonorsQuery(fundId));
    return pageOf('donors', items, at);
  }
}
