import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';
import { BANK_ID_PATTERN } from '../../../domain';
import { IsLabel } from './validation';

export class FundDepositDto {
  @ApiProperty({ description: 'Bank identifier', example: 'CNCAS' })
  @IsString()
  @Matches(BANK_ID_PATTERN, { message: '$property must be 1 to 64 letters, digits or . _ -' })
  bankId!: string;

  @ApiProperty({ type: MoneyDto, description: 'Amount deposited on term' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsLabel('Reference of the term deposit at the bank', 'DAT-2008-001')
  termDepositReference!: string;

  @IsBusinessDate('Deposit date')
  depositedOn!: string;

  @IsBusinessDate('Maturity of the term deposit', { optional: true, term: true })
  maturesOn?: string | null;
}
