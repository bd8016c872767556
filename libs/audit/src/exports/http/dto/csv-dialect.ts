import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CSV_DIALECTS } from '../../csv';

/**
 * The `dialect` query parameter of every CSV route: `rfc4180` (default: `,`, decimal point, no
 * BOM) or `excel-fr` (UTF-8 BOM, `;`, decimal comma in amounts — opens right in French Excel).
 */
export function IsCsvDialect(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      enum: CSV_DIALECTS,
      default: 'rfc4180',
      description:
        'rfc4180: comma-separated, decimal point, no BOM; excel-fr: UTF-8 BOM, `;` separator, decimal comma in ' +
        'amounts (no thousands separator), CRLF — opens as numbers in a French Excel',
    }),
    IsOptional(),
    IsIn(CSV_DIALECTS, { message: `$property must be one of ${CSV_DIALECTS.join(', ')}` }),
  );
}
