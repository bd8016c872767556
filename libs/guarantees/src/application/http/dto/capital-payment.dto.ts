import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';

export class CapitalPaymentDto {
  @ApiProperty({ type: MoneyDto, description: 'Capital paid' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Payment date')
  paidOn!: string;
}
