import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { MoneyDto } from './money.dto';
import { IsBusinessDate } from './validation';

export class RecoveryDto {
  @ApiProperty({ type: MoneyDto, description: 'Amount recovered' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Date received')
  receivedOn!: string;
}
