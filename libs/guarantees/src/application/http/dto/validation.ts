import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsMeaningfulText } from '@ledger/platform';

/** A short label a person reads: not blank, not only invisible or bidi-control characters. */
export function IsLabel(description: string, example: string) {
  return applyDecorators(
    ApiProperty({ description, example }),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    IsMeaningfulText(),
    MaxLength(200),
  );
}

/** "numerator/denominator" or a plain decimal; parsed exactly by Ratio.parse / Ratio.parseDecimal. */
export const MULTIPLIER_PATTERN = /^([0-9]{1,30}\/[0-9]{1,30}|[0-9]{1,30}(\.[0-9]{1,30})?)$/;
