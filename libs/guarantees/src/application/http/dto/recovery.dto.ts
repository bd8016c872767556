import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';

export class RecoveryDto {
  @ApiProperty({ type: MoneyDto, description: 'Amount recovered' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Date received')
  receivedOn!: string;
}
