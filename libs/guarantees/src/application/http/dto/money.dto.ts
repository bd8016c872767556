import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { CURRENCY_CODES, Money, type CurrencyCode } from '@ledger/money';

/** An amount as it travels in JSON: a string of minor units next to its ISO 4217 currency. */
export class MoneyDto {
  @ApiProperty({ description: 'Strictly positive integer of minor units, as a string', example: '340000000' })
  @IsString()
  @Matches(/^[1-9][0-9]{0,29}$/, { message: '$property must be a positive integer string of minor units' })
  amountMinor!: string;

  @ApiProperty({ enum: CURRENCY_CODES, example: 'XOF' })
  @IsIn(CURRENCY_CODES as CurrencyCode[], { message: `$property must be one of ${CURRENCY_CODES.join(', ')}` })
  currency!: CurrencyCode;

  static toMoney(dto: MoneyDto): Money {
    return Money.parseMinor(dto.amountMinor, dto.currency);
  }
}
