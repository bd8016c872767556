import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { BankScoped, ResourceAccess } from '@ledger/access';
import { AsOfListQueryDto, AsOfQueryDto, ListQueryDto, PageDto, invalidField, pageOf } from '@ledger/platform';
import { BANK_ID_PATTERN, LOAN_REFERENCE_PATTERN, normalizeLoanReference } from '../../domain';
import { GetConventionHeadroomQuery } from '../queries/get-convention-headroom.query';
import { GetLoanCoverageQuery } from '../queries/get-loan-coverage.query';
import { ListBankConventionGuaranteesQuery } from '../queries/list-bank-convention-guarantees.query';
import { ListBankConventionsQuery } from '../queries/list-bank-conventions.query';
import { ListBankGuaranteesQuery } from '../queries/list-bank-guarantees.query';
import { ConventionHeadroomView } from './dto/guarantees-views';
import { ConventionListItemDto, GuaranteeListItemDto } from './dto/list-guarantees.dto';
import { BankLoansPageResponse, LoanCoverageResponse } from './dto/loan-coverage.response';

/**
 * What a bank asks, answered from the read models. The bank id is a filter of every query; a bank
 * principal may only name its own bank here (the access guard answers 404 for any other id), so a
 * bank sees its own conventions and the guarantees under them, and nothing else.
 */
@ApiTags('mutual guarantee: bank access')
@ResourceAccess('bank-access')
@BankScoped('bankId')
@Controller('banks/:bankId')
export class BankAccessController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Is the loan covered, for how much, at which rate, in which state — and after a default, the
   * outstanding at default, the claim, what was paid and what was recovered, with dates. The
   * reference is matched whatever its case and surrounding spaces (`normalizeLoanReference`).
   */
  @Get('loan-coverage')
  @ApiOperation({ summary: "A bank's loan: coverage, state, and through a default the claim, payments and recoveries" })
  @ApiQuery({ name: 'loanReference', required: true, description: 'Matched ignoring case and surrounding spaces' })
  @ApiOkResponse({ type: LoanCoverageResponse })
  @ApiBadRequestResponse({ description: 'validation-failed: bankId or loanReference malformed' })
  coverage(@Param('bankId') bankId: string, @Query('loanReference') loanReference: unknown) {
    checkBank(bankId);
    const reference = typeof loanReference === 'string' ? normalizeLoanReference(loanReference) : null;
    if (reference === null || !LOAN_REFERENCE_PATTERN.test(reference)) {
      throw invalidField('loanReference', 'must be 1 to 80 letters, digits or . _ / -');
    }
    return this.queries.execute(new GetLoanCoverageQuery(bankId, reference));
  }

  /**
   * Every loan of the bank with a guarantee, by issuing date, each as `loan-coverage` answers it
   * (state, outstanding, coverage, and after a default the claim, paid, left to pay, recovered);
   * with `asOf`/`knownAt`, as they stood then.
   */
  @Get('guarantees')
  @ApiOperation({ summary: "The bank's guaranteed loans with their coverage and claims, now or as of a date" })
  @ApiOkResponse({
    type: BankLoansPageResponse,
    description: '`{ items, total, nextCursor? }`; with asOf/knownAt also `asOf`, `knownAt`, `throughPosition`',
  })
  @ApiBadRequestResponse({
    description:
      '`validation-failed`: bankId malformed, a limit out of 1..200, asOf or knownAt malformed or out of range; ' +
      '`invalid-cursor`',
  })
  async loans(@Param('bankId') bankId: string, @Query() query: AsOfListQueryDto) {
    checkBank(bankId);
    const at = AsOfQueryDto.asked(query) ? AsOfQueryDto.toInput(query) : null;
    const { items, ...stamp } = await this.queries.execute(new ListBankGuaranteesQuery(bankId, at));
    return { ...stamp, ...pageOf('bank-guarantees', items, query) };
  }

  @Get('conventions')
  @ApiOperation({ summary: "The bank's conventions, with each company's name, by signing date" })
  @ApiOkResponse({ type: PageDto(ConventionListItemDto), description: '`{ items, total, nextCursor? }`' })
  @ApiBadRequestResponse({
    description: '`validation-failed`: bankId malformed or a limit out of 1..200; `invalid-cursor`',
  })
  async conventions(@Param('bankId') bankId: string, @Query() query: ListQueryDto) {
    checkBank(bankId);
    return pageOf('bank-conventions-of-bank', await this.queries.execute(new ListBankConventionsQuery(bankId)), query);
  }

  /**
   * Capacity, outstanding and headroom (negative when claims shrank the fund) of one convention;
   * with `asOf`/`knownAt`, as they stood then (the terms and fund balance of that date).
   */
  @Get('conventions/:conventionId/headroom')
  @ApiOperation({ summary: "One of the bank's conventions: capacity, outstanding and headroom (now or as of a date)" })
  @ApiOkResponse({
    type: ConventionHeadroomView,
    description:
      "capacity, outstanding and headroom now (with the read models' `position`), or as of `asOf` as known at " +
      '`knownAt` (with `asOf`, `knownAt` and `throughPosition`)',
  })
  @ApiBadRequestResponse({
    description: '`validation-failed`: bankId malformed, asOf or knownAt malformed or out of range',
  })
  @ApiNotFoundResponse({ description: "no such convention of this bank (another bank's convention included)" })
  headroom(@Param('bankId') bankId: string, @Param('conventionId') conventionId: string, @Query() at: AsOfQueryDto) {
    checkBank(bankId);
    const point = AsOfQueryDto.asked(at) ? AsOfQueryDto.toInput(at) : null;
    return this.queries.execute(new GetConventionHeadroomQuery(bankId, conventionId, point));
  }

  /** The guarantees under one of the bank's conventions (another bank's convention: 404). */
  @Get('conventions/:conventionId/guarantees')
  @ApiOperation({ summary: "The guarantees under one of the bank's conventions, by issuing date" })
  @ApiOkResponse({ type: PageDto(GuaranteeListItemDto), description: '`{ items, total, nextCursor? }`' })
  @ApiBadRequestResponse({
    description: '`validation-failed`: bankId malformed or a limit out of 1..200; `invalid-cursor`',
  })
  @ApiNotFoundResponse({ description: "no such convention of this bank (another bank's convention included)" })
  async guarantees(
    @Param('bankId') bankId: string,
    @Param('conventionId') conventionId: string,
    @Query() query: ListQueryDto,
  ) {
    checkBank(bankId);
    const all = await this.queries.execute(new ListBankConventionGuaranteesQuery(bankId, conventionId));
    return pageOf('convention-guarantees', all, query);
  }
}

function checkBank(bankId: string): void {
  if (!BANK_ID_PATTERN.test(bankId)) throw invalidField('bankId', 'must be 1 to 64 letters, digits or . _ -');
}
