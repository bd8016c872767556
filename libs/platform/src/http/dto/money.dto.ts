import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { CURRENCY_CODES, Money, currencyOf, type CurrencyCode } from '@ledger/money';

/** A strictly positive amount of minor units: digits, no sign, no point, no leading zero. */
export const POSITIVE_MINOR_UNITS = /^[1-9][0-9]{0,29}$/;

/** An ISO 4217 code the ledger knows (exact case: "mad" is refused). */
export function IsCurrencyCode(description?: string, example = 'MAD'): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ enum: CURRENCY_CODES, example, description }),
    IsIn(CURRENCY_CODES as CurrencyCode[], {
      message: `$property must be one of the currencies the ledger knows: ${CURRENCY_CODES.join(', ')}`,
    }),
  );
}

/**
 * An amount as it travels in JSON: a string of minor units (no sign, no point) next to its
 * ISO 4217 code. JSON numbers are refused: they lose precision past 2^53.
 */
export class MoneyDto {
  @ApiProperty({
    example: '20000000',
    description: 'strictly positive integer of minor units (cents, millimes, francs), as a string',
  })
  @IsString({ message: '$property must be a string of minor units, like "20000000" (JSON numbers are refused)' })
  @Matches(POSITIVE_MINOR_UNITS, {
    message: '$property must be a positive integer string of minor units, like "20000000"',
  })
  amountMinor!: string;

  @IsCurrencyCode()
  currency!: CurrencyCode;

  static toMoney(dto: MoneyDto): Money {
    return Money.parseMinor(dto.amountMinor, currencyOf(dto.currency));
  }
}
