import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { CommandCtx, ListQueryDto, MoneyDto, pageOf } from '@ledger/platform';
import { AdmitMemberCommand } from '../commands/admit-member.command';
import { PayCapitalCommand } from '../commands/pay-capital.command';
import { RecordMemberDepartureCommand } from '../commands/record-member-departure.command';
import { SubscribeCapitalCommand } from '../commands/subscribe-capital.command';
import { ListMembersQuery } from '../queries/list-members.query';
import { AdmitMemberDto } from './dto/admit-member.dto';
import { CapitalPaymentDto } from './dto/capital-payment.dto';
import { CapitalSubscriptionDto } from './dto/capital-subscription.dto';
import { MemberDepartureDto } from './dto/member-departure.dto';

@ApiTags('mutual guarantee: members')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ResourceAccess('guarantees')
@Controller('guarantee-companies/:companyId/members')
export class MembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  admit(@Param('companyId') companyId: string, @Body() body: AdmitMemberDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new AdmitMemberCommand(
        { type: 'AdmitMember', companyId, memberId: newEntityId(context, 'member'), ...body },
        context,
      ),
    );
  }

  @Get()
  @ApiOperation({ summary: 'The company’s members, by admission date' })
  @ApiOkResponse({ description: '`{ items, total, nextCursor? }`: each member with its capital and guarantees' })
  @ApiBadRequestResponse({ description: '`validation-failed`: a limit out of 1..200; `invalid-cursor`' })
  async list(@Param('companyId') companyId: string, @Query() query: ListQueryDto) {
    return pageOf('guarantee-members', await this.queries.execute(new ListMembersQuery(companyId)), query);
  }

  @Post(':memberId/departure')
  leave(
    @Param('companyId') companyId: string,
    @Param('memberId') memberId: string,
    @Body() body: MemberDepartureDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new RecordMemberDepartureCommand({ type: 'RecordMemberDeparture', companyId, memberId, ...body }, context),
    );
  }

  @Post(':memberId/capital-subscriptions')
  subscribe(
    @Param('companyId') companyId: string,
    @Param('memberId') memberId: string,
    @Body() body: CapitalSubscriptionDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new SubscribeCapitalCommand(
        {
          type: 'SubscribeCapital',
          companyId,
          memberId,
          amount: MoneyDto.toMoney(body.amount),
          subscribedOn: body.subscribedOn,
        },
        context,
      ),
    );
  }

  @Post(':memberId/capital-payments')
  pay(
    @Param('companyId') companyId: string,
    @Param('memberId') memberId: string,
    @Body() body: CapitalPaymentDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new PayCapitalCommand(
        { type: 'PayCapital', companyId, memberId, amount: MoneyDto.toMoney(body.amount), paidOn: body.paidOn },
        context,
      ),
    );
  }
}
