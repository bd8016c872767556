import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';

export class ClaimPaymentDto {
  @ApiPropertyOptional({ type: MoneyDto, description: 'Amount paid (default: the whole claim left)', nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount?: MoneyDto | null;

  @IsBusinessDate('Payment date')
  paidOn!: string;
}
