import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { MoneyDto } from './money.dto';
import { IsBusinessDate } from './validation';

export class CapitalSubscriptionDto {
  @ApiProperty({ type: MoneyDto, description: 'Capital subscribed' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Subscription date')
  subscribedOn!: string;
}
