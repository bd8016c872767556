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
import { deterministicUuid, newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { AsOfQueryDto, CommandCtx } from '@ledger/platform';
import { CofinancingBalancesAsOfQuery } from '../as-of';
import { AddMemberFirmCommand, EnrolBeneficiaryCommand } from '../commands';
import { GetBeneficiaryQuery, ListBeneficiariesQuery } from '../queries';
import { ApiOkOneOf, CommandDocs } from './api-docs';
import {
  BeneficiaryAsOfView,
  BeneficiaryEnrolledView,
  BeneficiaryView,
  MemberFirmAddedView,
} from './dto/cofinancing-views';
import { AddMemberFirmDto, EnrolBeneficiaryDto } from './dto/beneficiary.dto';
import { BeneficiaryPageDto, ListBeneficiariesQueryDto } from './dto/list-beneficiaries.dto';

@ApiTags('cofinancing: beneficiaries')
@ResourceAccess('cofinancing')
@Controller('cofinancing/beneficiaries')
export class BeneficiariesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandDocs({ notFound: false, conflict: '`beneficiary-already-enrolled`', unprocessable: '`invalid-date`' })
  @ApiOperation({ summary: 'Enrol a beneficiary (a consortium or a firm) with its member firms' })
  @ApiCreatedResponse({ type: BeneficiaryEnrolledView, description: 'the beneficiary id and its member firms’ ids' })
  enrol(@Body() body: EnrolBeneficiaryDto, @CommandCtx() context: CommandContext) {
    const beneficiaryId = newEntityId(context, 'beneficiary');
    return this.commands.execute(
      new EnrolBeneficiaryCommand(
        {
          type: 'EnrolBeneficiary',
          beneficiaryId,
          name: body.name,
          kind: body.kind,
          enrolledOn: body.enrolledOn,
          memberFirms: body.memberFirms.map((firm, index) => ({
            firmId: deterministicUuid(`${beneficiaryId}|firm|${index}`),
            name: firm.name,
            womenOwned: firm.womenOwned ?? null,
          })),
        },
        context,
      ),
    );
  }

  @Post(':beneficiaryId/member-firms')
  @CommandDocs({ notFound: '`beneficiary-not-found`', unprocessable: '`invalid-date`' })
  @ApiOperation({ summary: 'Add a member firm to a beneficiary' })
  @ApiCreatedResponse({ type: MemberFirmAddedView, description: 'the firm id' })
  addFirm(
    @Param('beneficiaryId') beneficiaryId: string,
    @Body() body: AddMemberFirmDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new AddMemberFirmCommand(
        {
          type: 'AddMemberFirm',
          beneficiaryId,
          firm: { firmId: newEntityId(context, 'member-firm'), name: body.name, womenOwned: body.womenOwned ?? null },
          joinedOn: body.joinedOn,
        },
        context,
      ),
    );
  }

  @Get()
  @ApiOperation({ summary: 'List beneficiaries by name, with their member firms count' })
  @ApiOkResponse({ type: BeneficiaryPageDto, description: 'a page of beneficiaries, by name; `?name=` searches' })
  @ApiBadRequestResponse({ description: 'a limit out of 1..200, or a cursor this API did not give' })
  list(@Query() query: ListBeneficiariesQueryDto) {
    return this.queries.execute(new ListBeneficiariesQuery({ name: query.name }, query.limit ?? 50, query.cursor));
  }

  @Get(':beneficiaryId')
  @ApiOperation({ summary: 'A beneficiary’s member firms and figures per participation year, live or as of a date' })
  @ApiOkOneOf(
    'without asOf: member firms (women-owned where recorded) and, per participation year and window: ' +
      'eligible cost, subsidy, own share, effective rate, invoiced, disbursed; with ' +
      'asOf/knownAt: the figures as of that point (firm counts, no firm list)',
    BeneficiaryView,
    BeneficiaryAsOfView,
  )
  @ApiBadRequestResponse({ description: '`validation-failed`: a malformed asOf or knownAt' })
  @ApiNotFoundResponse({ description: '`beneficiary-not-found`' })
  get(@Param('beneficiaryId') beneficiaryId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new CofinancingBalancesAsOfQuery({ kind: 'beneficiary', beneficiaryId }, AsOfQueryDto.toInput(at)),
      );
    }
    return this.queries.execute(new GetBeneficiaryQuery(beneficiaryId));
  }
}
