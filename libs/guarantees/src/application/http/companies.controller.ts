import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
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
import { EventSourcedRepository, newEntityId, type CommandContext } from '@ledger/event-sourcing';
import { AsOfQueryDto, CommandCtx, MoneyDto, invalidField, offsetOf, pageFrom, OffsetPageDto } from '@ledger/platform';
import { companyModel, companyPolicyJson, requireCompany, streamIds } from '../../domain';
import { GuaranteeBalancesAsOfQuery } from '../as-of';
import { SetCompanyApprovalPolicyCommand } from '../commands/four-eyes.commands';
import { RegisterCompanyCommand } from '../commands/register-company.command';
import { GetCompanyQuery } from '../queries/get-company.query';
import { ListCompaniesQuery } from '../queries/list-companies.query';
import { ListCompaniesQueryDto } from './dto/list-companies.dto';
import { SetCompanyApprovalPolicyDto } from './dto/four-eyes.dto';
import {
  CompanyApprovalPolicyAnswerView,
  CompanyApprovalPolicyReadView,
  CompanyRegisteredView,
  CompanyView,
  GuaranteeProposalPendingView,
  CompanyListItemView,
} from './dto/guarantees-views';
import { RegisterCompanyDto } from './dto/register-company.dto';

@ApiTags('mutual guarantee: companies')
@ResourceAccess('guarantees')
@Controller('guarantee-companies')
export class CompaniesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly repository: EventSourcedRepository,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a mutual guarantee company, optionally under a federation' })
  @ApiCreatedResponse({ type: CompanyRegisteredView, description: 'registered: `{ companyId }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: `details` names each field and why' })
  @ApiNotFoundResponse({ description: '`federation-not-found`: the federationId given is not registered' })
  @ApiConflictResponse({ description: '`already-exists`' })
  @ApiUnprocessableEntityResponse({ description: '`invalid-input`, `wrong-currency` (not the federation’s currency)' })
  register(@Body() body: RegisterCompanyDto, @CommandCtx() context: CommandContext) {
    return this.commands.execute(
      new RegisterCompanyCommand(
        {
          type: 'RegisterCompany',
          companyId: newEntityId(context, 'company'),
          ...body,
          federationId: body.federationId ?? null,
        },
        context,
      ),
    );
  }

  /** The companies by name, with their live balances, one page at a time. */
  @Get()
  @ApiOperation({ summary: 'List the companies by name, each with its live balances' })
  @ApiOkResponse({
    type: OffsetPageDto(CompanyListItemView),
    description:
      '`{ items, total, nextCursor? }` (`limit` and `offset` too with the deprecated `?offset=`): each company with its members, capital, fund balance, outstanding, ' +
      'capacity and headroom (conventions in force), calls and recoveries, as GET /guarantee-companies/:id ' +
      'without its deposits and conventions',
  })
  @ApiBadRequestResponse({
    description: '`validation-failed`: a limit out of 1..200, or both cursor and offset; `invalid-cursor`',
  })
  async list(@Query() query: ListCompaniesQueryDto) {
    if (query.offset !== undefined && query.cursor !== undefined)
      throw invalidField('offset', 'use cursor or offset, not both');
    const offset = query.offset ?? offsetOf('guarantee-companies', query.cursor);
    const { items, total, limit } = await this.queries.execute(new ListCompaniesQuery(query.limit ?? 50, offset));
    const page = pageFrom('guarantee-companies', items, offset, total);
    return query.offset === undefined ? page : { ...page, limit, offset };
  }

  /** Members, capital, fund balance, outstanding, capacity, headroom, calls, recoveries and rates. */
  @Get(':companyId')
  @ApiOperation({
    summary:
      'A company: members, capital, fund, outstanding, capacity, headroom, calls and recoveries (now or as of a date)',
  })
  @ApiOkResponse({
    type: CompanyView,
    description:
      'live: with its deposits, conventions, four-eyes reservations and `position`; with `?asOf=&knownAt=`: the ' +
      'balances as of that date as known then (`asOf`, `knownAt`, `throughPosition`), with its conventions',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: asOf or knownAt malformed or out of range' })
  @ApiNotFoundResponse({ description: '`company-not-found`' })
  get(@Param('companyId') companyId: string, @Query() at: AsOfQueryDto) {
    if (AsOfQueryDto.asked(at)) {
      return this.queries.execute(
        new GuaranteeBalancesAsOfQuery({ kind: 'company', companyId }, AsOfQueryDto.toInput(at)),
      );
    }
    return this.queries.execute(new GetCompanyQuery(companyId));
  }

  /** Four-eyes: the policy in force, what a form to change it starts from. */
  @Get(':companyId/approval-policy')
  @ApiOperation({ summary: 'the company’s four-eyes policy in force (what a form to change it starts from)' })
  @ApiNotFoundResponse({ description: '`company-not-found`' })
  @ApiOkResponse({
    type: CompanyApprovalPolicyReadView,
    description:
      '`{ companyId, currency, policy }`: the policy in force, read from the company stream; `policy: null` when none was ever set',
  })
  async getApprovalPolicy(@Param('companyId') companyId: string) {
    const company = requireCompany(
      companyId,
      (await this.repository.load(streamIds.company(companyId), companyModel)).state,
    );
    return {
      companyId,
      currency: company.currency,
      policy: company.approvalPolicy ? companyPolicyJson(company.approvalPolicy) : null,
    };
  }

  /** Four-eyes: which decisions of this company need a second guarantee officer. */
  @Put(':companyId/approval-policy')
  @ApiOperation({
    summary: 'set the company’s four-eyes policy: a tightening at once, a weakening only once a second person confirms',
  })
  @ApiOkResponse({
    type: CompanyApprovalPolicyAnswerView,
    description:
      'sets (or replaces) the company’s four-eyes policy: `{ companyId, position }`. Then issuing a guarantee whose ' +
      'guaranteed amount exceeds `issueGuaranteeAbove`, and (with `correctionsNeedSecondPerson`) reversing a deposit ' +
      'or a repayment, answer 202 with a pending proposal that a second guarantee officer must confirm within ' +
      '`proposalTtlHours` (POST /proposals/:id/confirmation); what it would use is reserved meanwhile. Answers ' +
      '`{ companyId, changed, policy, position }`: the policy in force after it; the same policy again writes ' +
      'nothing (`changed: false`)',
  })
  @ApiAcceptedResponse({
    type: GuaranteeProposalPendingView,
    description:
      'the change loosens a control (the threshold raised or removed, `correctionsNeedSecondPerson` turned off, a ' +
      'longer `proposalTtlHours`): a pending proposal `{ proposalId, status: "pending", action: ' +
      '"set-approval-policy", companyId, expiresAt, … }` that another guarantee officer or an admin confirms ' +
      '(POST /proposals/:id/confirmation) within the time to live in force; nothing changes until then',
  })
  @ApiConflictResponse({
    description: '`policy-change-pending`: a weakening of this company’s policy already waits for a second person',
  })
  @ApiBadRequestResponse({ description: 'invalid input; `fields` names each field and why' })
  @ApiNotFoundResponse({ description: '`company-not-found`' })
  @ApiUnprocessableEntityResponse({ description: '`wrong-currency`, `invalid-input` (e.g. proposalTtlHours)' })
  setApprovalPolicy(
    @Param('companyId') companyId: string,
    @Body() body: SetCompanyApprovalPolicyDto,
    @CommandCtx() context: CommandContext,
  ) {
    return this.commands.execute(
      new SetCompanyApprovalPolicyCommand(
        {
          companyId,
          issueGuaranteeAbove: body.issueGuaranteeAbove ? MoneyDto.toMoney(body.issueGuaranteeAbove) : null,
          correctionsNeedSecondPerson: body.correctionsNeedSecondPerson,
          proposalTtlHours: body.proposalTtlHours,
          setOn: body.setOn,
        },
        context,
      ),
    );
  }
}
