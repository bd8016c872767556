import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, type ValidationArguments } from 'class-validator';
import { CURRENCY_CODES, Money, currencyOf, decimalsOf, isCurrencyCode, type CurrencyCode } from '@ledger/money';

/** A strictly positive amount of minor units: digits, no sign, no point, no leading zero. */
export const POSITIVE_MINOR_UNITS = /^[1-9][0-9]{0,29}$/;

/**
 * Why an amountMinor was refused. A decimal amount ("12.345") is the commonest mistake: the
 * answer says how many decimals the currency has and what the amount is in minor units.
 */
function minorUnitsMessage({ property, value, object }: ValidationArguments): string {
  const plain = `${property} must be a positive integer string of minor units, like "20000000"`;
  const currency = (object as { currency?: unknown }).currency;
  const decimal = typeof value === 'string' ? /^([0-9]{1,30})[.,]([0-9]{1,30})$/.exec(value) : null;
  if (!decimal || typeof currency !== 'string' || !isCurrencyCode(currency)) return plain;
  const digits = currencyOf(currency).minorDigits;
  const [, units, fraction] = decimal;
  const example =
    fraction.length <= digits
      ? `, so ${value} ${currency} is "${BigInt(units + fraction.padEnd(digits, '0')).toString()}"`
      : '';
  return `${plain}, without a decimal point: ${decimalsOf(currency, digits)}${example}`;
}

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
  @Matches(POSITIVE_MINOR_UNITS, { message: minorUnitsMessage })
  amountMinor!: string;

  @IsCurrencyCode()
  currency!: CurrencyCode;

  static toMoney(dto: MoneyDto): Money {
    return Money.parseMinor(dto.amountMinor, currencyOf(dto.currency));
  }
}

/**
 * An amount as the ledger answers it (the OpenAPI schema of every answer's money): minor units as a
 * string of digits — zero, or negative for a headroom a claim overdrew — next to its currency.
 */
export class MoneyView {
  @ApiProperty({ example: '20000000', pattern: '^-?[0-9]+$', description: 'integer of minor units, as a string' })
  amountMinor!: string;

  @ApiProperty({ example: 'MAD' })
  currency!: string;
}
