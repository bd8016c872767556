import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BankScoped, ResourceAccess } from '@ledger/access';
import { AsOfQueryDto, invalidField } from '@ledger/platform';
import { BANK_ID_PATTERN, LOAN_REFERENCE_PATTERN } from '../../domain';
import { GetConventionHeadroomQuery } from '../queries/get-convention-headroom.query';
import { GetLoanCoverageQuery } from '../queries/get-loan-coverage.query';
import { ListBankConventionGuaranteesQuery } from '../queries/list-bank-convention-guarantees.query';
import { ListBankConventionsQuery } from '../queries/list-bank-conventions.query';

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

  /** Is the loan covered, for how much, at which rate, in which state. */
  @Get('loan-coverage')
  @ApiQuery({ name: 'loanReference', required: true })
  coverage(@Param('bankId') bankId: string, @Query('loanReference') loanReference: unknown) {
    checkBank(bankId);
    if (typeof loanReference !== 'string' || !LOAN_REFERENCE_PATTERN.test(loanReference)) {
      throw invalidField('loanReference', 'must be 1 to 80 letters, digits or . _ / -');
    }
    return this.queries.execute(new GetLoanCoverageQuery(bankId, loanReference));
  }

  @Get('conventions')
  conventions(@Param('bankId') bankId: string) {
    checkBank(bankId);
    return this.queries.execute(new ListBankConventionsQuery(bankId));
  }

  /**
   * Capacity, outstanding and headroom (negative when claims shrank the fund) of one convention;
   * with `asOf`/`knownAt`, as they stood then (the terms and fund balance of that date).
   */
  @Get('conventions/:conventionId/headroom')
  @ApiOkResponse({
    description:
      "capacity, outstanding and headroom now (with the read models' `position`), or as of `asOf` as known at " +
      '`knownAt` (with `asOf`, `knownAt` and `throughPosition`)',
  })
  @ApiNotFoundResponse({ description: "no such convention of this bank (another bank's convention included)" })
  headroom(@Param('bankId') bankId: string, @Param('conventionId') conventionId: string, @Query() at: AsOfQueryDto) {
    checkBank(bankId);
    const point = AsOfQueryDto.asked(at) ? AsOfQueryDto.toInput(at) : null;
    return this.queries.execute(new GetConventionHeadroomQuery(bankId, conventionId, point));
  }

  /** The guarantees under one of the bank's conventions (another bank's convention: 404). */
  @Get('conventions/:conventionId/guarantees')
  guarantees(@Param('bankId') bankId: string, @Param('conventionId') conventionId: string) {
    checkBank(bankId);
    return this.queries.execute(new ListBankConventionGuaranteesQuery(bankId, conventionId));
  }
}

function checkBank(bankId: string): void {
  if (!BANK_ID_PATTERN.test(bankId)) throw invalidField('bankId', 'must be 1 to 64 letters, digits or . _ -');
}
