import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { CURRENCY_CODES, Money, currencyOf } from '@ledger/money';

export const POSITIVE_MINOR = /^[1-9][0-9]{0,29}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An amount as it travels in JSON: a string of minor units (no sign, no point) and its ISO 4217 code. */
export class MoneyDto {
  @ApiProperty({ example: '20000000', description: 'positive integer string of minor units (cents, millimes, francs)' })
  @IsString({ message: 'must be a string of minor units, like "20000000" (JSON numbers are refused)' })
  @Matches(POSITIVE_MINOR, { message: 'must be a positive integer string of minor units, like "20000000"' })
  amountMinor!: string;

  @ApiProperty({ example: 'MAD', enum: CURRENCY_CODES })
  @IsIn(CURRENCY_CODES as string[], {
    message: `must be one of the currencies the ledger knows: ${CURRENCY_CODES.join(', ')}`,
  })
  currency!: string;

  static toMoney(dto: MoneyDto): Money {
    return Money.parseMinor(dto.amountMinor, currencyOf(dto.currency));
  }
}
