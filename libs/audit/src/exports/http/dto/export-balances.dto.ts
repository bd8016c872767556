import { IsBusinessDate } from '@ledger/platform';

/** `GET /audit/exports/balances.(csv|ndjson)`. */
export class ExportBalancesDto {
  @IsBusinessDate('balances as they stood at the end of this business day (see `basis` in each row)', {
    optional: true,
    example: '2023-12-31',
  })
  asOf?: string;
}
