import { IsBusinessDate } from '@ledger/platform';

/** `?from=&to=` of `GET /cofinancing/funds/:fundId/balance-history`. */
export class FundBalanceHistoryQueryDto {
  @IsBusinessDate('first day of the history (default: the day the fund was created)', {
    optional: true,
    example: '2021-01-01',
    term: true,
  })
  from?: string;

  @IsBusinessDate('last day of the history (default: today, UTC)', {
    optional: true,
    example: '2022-12-31',
    term: true,
  })
  to?: string;
}
