import { Body, Controller, Get, HttpCode, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { EventSourcedRepository, type CommandContext } from '@ledger/event-sourcing';
import { deprecatedFor } from '@ledger/four-eyes';
import { CommandCtx, MoneyDto } from '@ledger/platform';
import { approvalPolicyJson, fundModel, requireOpenFund, streamIds } from '../../domain';
import { SetApprovalPolicyCommand } from '../commands';
import { CommandDocs } from './api-docs';
import {
  CofinancingFundApprovalPolicyReadView,
  CofinancingFundApprovalPolicySetView,
  CofinancingProposalPendingView,
} from './dto/cofinancing-views';
import { SetApprovalPolicyDto } from './dto/four-eyes.dto';

@ApiTags('cofinancing: four-eyes proposals')
@ResourceAccess('cofinancing')
@Controller('cofinancing/funds/:fundId/approval-policy')
export class ApprovalPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly repository: EventSourcedRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'the fund’s four-eyes policy in force (what a form to change it starts from)' })
  @ApiNotFoundResponse({ description: '`fund-not-found`' })
  @ApiOkResponse({
    type: CofinancingFundApprovalPolicyReadView,
    description:
      '`{ fundId, currency, policy }`: the policy in force, read from the fund stream; `policy: null` when none was ever set',
  })
  async get(@Param('fundId') fundId: string) {
    const fund = requireOpenFund((await this.repository.load(streamIds.fund(fundId), fundModel)).state, fundId);
    return {
      fundId,
      currency: fund.currency,
      policy: fund.approvalPolicy ? approvalPolicyJson(fund.approvalPolicy) : null,
    };
  }

  @Put()
  @HttpCode(200)
  @CommandDocs({
    notFound: '`fund-not-found`',
    conflict: '`policy-change-pending`: a weakening of this fund’s policy already waits for a second person',
    unprocessable:
      '`wrong-currency` (a threshold not in the fund’s currency), `amount-not-positive` (a negative threshold), ' +
      '`invalid-schedule` (proposalTtlHours out of range), `invalid-date`',
  })
  @ApiOperation({
    summary: 'set the fund’s four-eyes policy: a tightening at once, a weakening only once a second person confirms',
  })
  @ApiOkResponse({
    type: CofinancingFundApprovalPolicySetView,
    description:
      'sets (replaces) the fund’s four-eyes policy. Approving a grant whose subsidy exceeds ' +
      '`approveGrantAbove`, paying an invoice whose subsidy share exceeds `disburseAbove`, and — with ' +
      '`correctionsNeedSecondPerson` — any disbursement reversal then answers 202 with a pending proposal that a ' +
      'second fund manager must confirm within `proposalTtlHours` (POST /proposals/:id/confirmation); what it would use ' +
      'is reserved meanwhile. Answers `{ fundId, changed, policy, position }`: the policy in force after it; the ' +
      'same policy again writes nothing (`changed: false`)',
  })
  @ApiAcceptedResponse({
    type: CofinancingProposalPendingView,
    description:
      'the change loosens a control (a threshold raised or removed, `correctionsNeedSecondPerson` turned off, a ' +
      'longer `proposalTtlHours`): a pending proposal `{ proposalId, status: "pending", action: ' +
      '"set-approval-policy", fundId, expiresAt, … }` that another fund manager or an admin confirms ' +
      '(POST /proposals/:id/confirmation) within the time to live in force; nothing changes until then',
  })
  set(@Param('fundId') fundId: string, @Body() body: SetApprovalPolicyDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new SetApprovalPolicyCommand(
        {
          type: 'SetFundApprovalPolicy',
          fundId,
          approveGrantAbove: body.approveGrantAbove ? MoneyDto.toMoney(body.approveGrantAbove) : null,
          disburseAbove: body.disburseAbove ? MoneyDto.toMoney(body.disburseAbove) : null,
          correctionsNeedSecondPerson: body.correctionsNeedSecondPerson ?? false,
          proposalTtlHours: body.proposalTtlHours,
          setOn: body.setOn,
        },
        context,
      ),
    );
  }

  @Post()
  @CommandDocs({
    notFound: '`fund-not-found`',
    conflict: '`policy-change-pending`: a weakening of this fund’s policy already waits for a second person',
    unprocessable:
      '`wrong-currency` (a threshold not in the fund’s currency), `amount-not-positive` (a negative threshold), ' +
      '`invalid-schedule` (proposalTtlHours out of range), `invalid-date`',
  })
  @ApiOperation({ deprecated: true, summary: 'use PUT (the same body): one method for both contexts’ policies' })
  @ApiCreatedResponse({ type: CofinancingFundApprovalPolicySetView, description: 'as PUT, with 201' })
  @ApiAcceptedResponse({
    type: CofinancingProposalPendingView,
    description: 'as PUT: a weakening waits for a second person',
  })
  @UseInterceptors(deprecatedFor('/cofinancing/funds/:fundId/approval-policy'))
  setByPost(
    @Param('fundId') fundId: string,
    @Body() body: SetApprovalPolicyDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.set(fundId, body, context);
  }
}
