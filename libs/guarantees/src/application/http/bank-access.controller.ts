import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { BadRequestException } from '@nestjs/common';
import { BANK_ID_PATTERN, LOAN_REFERENCE_PATTERN } from '../../domain';
import { GetConventionHeadroomQuery } from '../queries/get-convention-headroom.query';
import { GetLoanCoverageQuery } from '../queries/get-loan-coverage.query';
import { ListBankConventionsQuery } from '../queries/list-bank-conventions.query';

/**
 * What a bank asks, answered from the read models. The bank id is a filter of every query, so
 * that the access issue can force it from the authenticated bank without rewriting them.
 */
@ApiTags('mutual guarantee: bank access')
@Controller('banks/:bankId')
export class BankAccessController {
  constructor(private readonly queries: QueryBus) {}

  /** Is the loan covered, for how much, at which rate, in which state. */
  @Get('loan-coverage')
  @ApiQuery({ name: 'loanReference', required: true })
  coverage(@Param('bankId') bankId: string, @Query('loanReference') loanReference: unknown) {
    checkBank(bankId);
    if (typeof loanReference !== 'string' || !LOAN_REFERENCE_PATTERN.test(loanReference)) {
      throw invalid('loanReference', 'must be 1 to 80 letters, digits or . _ / -');
    }
    return this.queries.execute(new GetLoanCoverageQuery(bankId, loanReference));
  }

  @Get('conventions')
  conventions(@Param('bankId') bankId: string) {
    checkBank(bankId);
    return this.queries.execute(new ListBankConventionsQuery(bankId));
  }

  /** Capacity, outstanding and headroom (negative when claims shrank the fund) of one convention. */
  @Get('conventions/:conventionId/headroom')
  headroom(@Param('bankId') bankId: string, @Param('conventionId') conventionId: string) {
    checkBank(bankId);
    return this.queries.execute(new GetConventionHeadroomQuery(bankId, conventionId));
  }
}

function checkBank(bankId: string): void {
  if (!BANK_ID_PATTERN.test(bankId)) throw invalid('bankId', 'must be 1 to 64 letters, digits or . _ -');
}

function invalid(field: string, reason: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'validation-failed',
    message: 'the request is invalid',
    fields: [{ field, reasons: [reason] }],
  });
}
