import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { AsOfListQueryDto, AsOfQueryDto, CommandCtx, MoneyDto, pageOf } from '@ledger/platform';
import { CofinancingBalancesAsOfQuery } from '../as-of';
import { BasisPoints } from '@ledger/money';
import type { ScheduleTerms } from '../../domain';
import { AmendScheduleCommand, OpenWindowCommand } from '../commands';
import { ListWindowsQuery } from '../queries';
import { CommandDocs } from './api-docs';
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
  @CommandDocs()
  @ApiCreatedResponse({ description: 'the window id; its schedule is version 1' })
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
  @CommandDocs()
  @ApiCreatedResponse({ description: 'the new schedule version, in force from its effective date' })
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
  @ApiOkResponse({
    description:
      'per window: committed, disbursed, released, and every schedule version; with asOf/knownAt, the figures and the schedule in force at that point',
  })
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
