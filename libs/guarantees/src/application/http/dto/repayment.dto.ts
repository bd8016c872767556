import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';

export class RepaymentDto {
  @ApiProperty({ type: MoneyDto, description: 'Principal repaid' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Repayment date')
  repaidOn!: string;
}
