import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { AsOfListQueryDto, AsOfQueryDto, CommandCtx, MoneyDto, pageOf } from '@ledger/platform';
import { CofinancingBalancesAsOfQuery } from '../as-of';
import { BasisPoints } from '@ledger/money';
import type { ScheduleTerms } from '../../domain';
import { AmendScheduleCommand, OpenWindowCommand } from '../commands';
import { ListWindowsQuery } from '../queries';
import { ApiOkOneOf, CommandDocs } from './api-docs';
import { WindowPageView, WindowScheduleChangedView, WindowsAsOfView } from './dto/cofinancing-views';
import { AmendScheduleDto, OpenWindowDto, type ScheduleDto } from './dto/window.dto';

function scheduleTerms(dto: ScheduleDto): ScheduleTerms {
  const after = dto.afterLastYear;
  return {
    effectiveFrom: dto.effectiveFrom,
    years: dto.years.map((year) => ({ rate: BasisPoints.of(year.rateBp), cap: MoneyDto.toMoney(year.cap) })),
    afterLastYear:
      after.rule === 'ineligible'
        ? { rule: 'ineligible', rate: null, cap: null }
        : {
            rule: 'floor-rate',
            rate: BasisPoints.of(after.rateBp as number),
            cap: MoneyDto.toMoney(after.cap as MoneyDto),
          },
  };
}

@ApiTags('cofinancing: windows')
@ResourceAccess('cofinancing')
@Controller('cofinancing/funds/:fundId/windows')
export class WindowsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandDocs({
    notFound: '`fund-not-found`',
    conflict: '`window-already-open`',
    unprocessable:
      '`invalid-schedule` (rates, caps or currency of the schedule), `invalid-date`, ' +
      '`business-date-before-dependency` (opened before the fund was created)',
  })
  @ApiOperation({ summary: 'Open a support window of the fund with its subsidy schedule (version 1)' })
  @ApiCreatedResponse({ type: WindowScheduleChangedView, description: 'the window id; its schedule is version 1' })
  open(@Param('fundId') fundId: string, @Body() body: OpenWindowDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new OpenWindowCommand(
        {
          type: 'OpenWindow',
          fundId,
          windowId: newEntityId(context, 'window'),
          name: body.name,
          supportKind: body.supportKind,
          openedOn: body.openedOn,
          schedule: scheduleTerms(body.schedule),
        },
        context,
      ),
    );
  }

  @Post(':windowId/schedule-amendments')
  @CommandDocs({
    notFound: '`fund-not-found`, `window-not-found`',
    unprocessable:
      '`invalid-schedule`, `amendment-not-after-current` (effective date not after the current version’s), ' +
      '`invalid-date`, `business-date-before-dependency` (amended before the window opened)',
  })
  @ApiOperation({ summary: 'Amend a window’s subsidy schedule: a new version from its effective date' })
  @ApiCreatedResponse({
    type: WindowScheduleChangedView,
    description: 'the new schedule version, in force from its effective date',
  })
  amend(
    @Param('fundId') fundId: string,
    @Param('windowId') windowId: string,
    @Body() body: AmendScheduleDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new AmendScheduleCommand(
        { type: 'AmendSchedule', fundId, windowId, amendedOn: body.amendedOn, schedule: scheduleTerms(body.schedule) },
        context,
      ),
    );
  }

  @Get()
  @ApiOperation({ summary: 'List the fund’s windows with their figures and schedules, live or as of a date' })
  @ApiOkOneOf(
    'without asOf, a page: per window, committed, disbursed, released, and every schedule version; ' +
      'with asOf/knownAt: the figures and the schedule in force at that point',
    WindowPageView,
    WindowsAsOfView,
  )
  @ApiNotFoundResponse({ description: '`fund-not-found`' })
  @ApiBadRequestResponse({
    description: '`validation-failed`: a limit out of 1..200 or a malformed date; `invalid-cursor`',
  })
  async list(@Param('fundId') fundId: string, @Query() at: AsOfListQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new CofinancingBalancesAsOfQuery({ kind: 'windows', fundId }, AsOfQueryDto.toInput(at)),
      );
    }
    const { items } = await this.queries.execute(new ListWindowsQuery(fundId));
    return pageOf('windows', items, at);
  }
}
