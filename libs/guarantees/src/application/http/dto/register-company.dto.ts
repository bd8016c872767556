import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { CurrencyCode } from '@ledger/money';
import { IsBusinessDate, IsCurrencyCode } from '@ledger/platform';
import { IsLabel } from './validation';

export class RegisterCompanyDto {
  @IsLabel('Name of the mutual guarantee company', 'SCM Thiès')
  name!: string;

  @IsCurrencyCode('the currency it keeps its books in', 'XOF')
  currency!: CurrencyCode;

  @ApiPropertyOptional({ description: 'Federation it joins', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  federationId?: string | null;

  @IsBusinessDate('Registration date')
  registeredOn!: string;
}
