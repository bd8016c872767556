import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';

export class CapitalSubscriptionDto {
  @ApiProperty({ type: MoneyDto, description: 'Capital subscribed' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Subscription date')
  subscribedOn!: string;
}
