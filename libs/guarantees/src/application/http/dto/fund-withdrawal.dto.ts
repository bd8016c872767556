import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';

export class FundWithdrawalDto {
  @ApiProperty({ type: MoneyDto, description: 'Amount withdrawn from the deposit' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Withdrawal date')
  withdrawnOn!: string;
}
