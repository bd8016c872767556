import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate, IsMeaningfulText } from '@ledger/platform';

export class ReverseDepositDto {
  @ApiProperty({ example: 'booked to the wrong company: the deposit is Thiès’s' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(2000)
  reason!: string;

  @IsBusinessDate('Date the mistake was corrected (the reversal counts at the deposit’s date)')
  correctedOn!: string;

  @ApiPropertyOptional({ description: 'the company the deposit belongs to: booked there in the same append' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  moveToCompanyId?: string;
}

export class ReverseRepaymentDto {
  @ApiProperty({ example: 'recorded on the wrong loan' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(2000)
  reason!: string;

  @IsBusinessDate('Date the mistake was corrected (the reversal counts at the repayment’s date)')
  correctedOn!: string;
}
