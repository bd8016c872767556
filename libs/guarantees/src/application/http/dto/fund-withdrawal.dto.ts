import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';

export class FundWithdrawalDto {
  @ApiProperty({ type: MoneyDto, description: 'Amount withdrawn from the deposit' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount!: MoneyDto;

  @IsBusinessDate('Withdrawal date')
  withdrawnOn!: string;

  @ApiPropertyOptional({
    description:
      'Withdraw even though it leaves a headroom negative: then only proposed (202) for a second guarantee officer or an admin to confirm',
  })
  @IsOptional()
  @IsBoolean()
  overrideHeadroom?: boolean;

  @ApiPropertyOptional({ description: 'Why the fund may go below what it backs (required with overrideHeadroom)' })
  @ValidateIf((dto: FundWithdrawalDto) => dto.overrideHeadroom === true || dto.reason !== undefined)
  @IsString()
  @MaxLength(500)
  reason?: string;
}
