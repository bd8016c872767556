import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CURRENCY_CODES, type CurrencyCode } from '@ledger/money';
import { IsBusinessDate, IsLabel } from './validation';

export class RegisterFederationDto {
  @IsLabel('Name of the federation', 'Fédération PAPES')
  name!: string;

  @ApiProperty({ enum: CURRENCY_CODES, example: 'XOF' })
  @IsIn(CURRENCY_CODES as CurrencyCode[], { message: `$property must be one of ${CURRENCY_CODES.join(', ')}` })
  currency!: CurrencyCode;

  @IsBusinessDate('Registration date')
  registeredOn!: string;
}
