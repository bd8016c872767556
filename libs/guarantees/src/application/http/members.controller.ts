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
import { CommandCtx, ListQueryDto, MoneyDto, PageDto, pageOf } from '@ledger/platform';
import { AdmitMemberCommand } from '../commands/admit-member.command';
import { PayCapitalCommand } from '../commands/pay-capital.command';
import { RecordMemberDepartureCommand } from '../commands/record-member-departure.command';
import { SubscribeCapitalCommand } from '../commands/subscribe-capital.command';
import { ListMembersQuery } from '../queries/list-members.query';
import { AdmitMemberDto } from './dto/admit-member.dto';
import { CapitalPaymentDto } from './dto/capital-payment.dto';
import { CapitalSubscriptionDto } from './dto/capital-subscription.dto';
import { CapitalMovementView, MemberMovementView, MemberView } from './dto/guarantees-views';
import { MemberDepartureDto } from './dto/member-departure.dto';

@ApiTags('mutual guarantee: members')
@ResourceAccess('guarantees')
@Controller('guarantee-companies/:companyId/members')
export class MembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Admit a member firm to the company' })
  @ApiCreatedResponse({ type: MemberMovementView, description: 'admitted: `{ companyId, memberId }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`' })
  @ApiConflictResponse({ description: '`member-already-admitted`' })
  @ApiUnprocessableEntityResponse({ description: '`invalid-input` (a blank name), `business-date-before-dependency`' })
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
  @ApiOkResponse({
    type: PageDto(MemberView),
    description: '`{ items, total, nextCursor? }`: each member with its capital and guarantees',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: a limit out of 1..200; `invalid-cursor`' })
  @ApiNotFoundResponse({ description: '`company-not-found`' })
  async list(@Param('companyId') companyId: string, @Query() query: ListQueryDto) {
    return pageOf('guarantee-members', await this.queries.execute(new ListMembersQuery(companyId)), query);
  }

  @Post(':memberId/departure')
  @ApiOperation({ summary: 'Record that a member left the company (refused while it has guarantees in force)' })
  @ApiCreatedResponse({ type: MemberMovementView, description: 'recorded: `{ companyId, memberId }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`, `member-not-found`' })
  @ApiUnprocessableEntityResponse({
    description: '`member-has-left`, `member-has-live-guarantees`, `business-date-before-dependency`',
  })
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
  @ApiOperation({ summary: 'Record a member’s subscription to the company’s capital' })
  @ApiCreatedResponse({ type: CapitalMovementView, description: 'the member’s capital subscribed and paid after it' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`, `member-not-found`' })
  @ApiUnprocessableEntityResponse({
    description: '`wrong-currency`, `member-has-left`, `business-date-before-dependency`',
  })
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
  @ApiOperation({ summary: 'Record a member’s payment of subscribed capital' })
  @ApiCreatedResponse({ type: CapitalMovementView, description: 'the member’s capital subscribed and paid after it' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`, `member-not-found`' })
  @ApiUnprocessableEntityResponse({
    description:
      '`wrong-currency`, `member-has-left`, `capital-payment-exceeds-subscription`, `business-date-before-dependency`',
  })
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
