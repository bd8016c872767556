import { IsBusinessDate } from '@ledger/platform';
import type { CsvDialect } from '../../csv';
import { IsCsvDialect } from './csv-dialect';

/** `GET /audit/exports/balances.(csv|ndjson)`. */
export class ExportBalancesDto {
  @IsBusinessDate('balances as they stood at the end of this business day (see `basis` in each row)', {
    optional: true,
    example: '2023-12-31',
  })
  asOf?: string;
}

/** `GET /audit/exports/balances.csv`: as the NDJSON export, plus the CSV dialect. */
export class ExportBalancesCsvDto extends ExportBalancesDto {
  @IsCsvDialect()
  dialect?: CsvDialect;
}
