import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar date 'YYYY-MM-DD' (business dates travel as days, not instants). */
export function IsBusinessDate(description: string, options: { optional?: boolean } = {}) {
  const doc = { description, example: '2008-05-01', type: String, format: 'date' };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional({ ...doc, nullable: true })] : [ApiProperty(doc)]),
    IsString(),
    Matches(DATE, { message: '$property must be a date YYYY-MM-DD' }),
  );
}

/** A short non-blank label. */
export function IsLabel(description: string, example: string) {
  return applyDecorators(
    ApiProperty({ description, example }),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(200),
  );
}

/** "numerator/denominator" or a plain decimal; parsed exactly by Ratio.parse / Ratio.parseDecimal. */
export const MULTIPLIER_PATTERN = /^([0-9]{1,30}\/[0-9]{1,30}|[0-9]{1,30}(\.[0-9]{1,30})?)$/;
