import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CURRENCY_CODES, type CurrencyCode } from '@ledger/money';
import { IsBusinessDate, IsLabel } from './validation';

export class RegisterCompanyDto {
  @IsLabel('Name of the mutual guarantee company', 'SCM Thiès')
  name!: string;

  @ApiProperty({ enum: CURRENCY_CODES, example: 'XOF' })
  @IsIn(CURRENCY_CODES as CurrencyCode[], { message: `$property must be one of ${CURRENCY_CODES.join(', ')}` })
  currency!: CurrencyCode;

  @ApiPropertyOptional({ description: 'Federation it joins', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  federationId?: string | null;

  @IsBusinessDate('Registration date')
  registeredOn!: string;
}
