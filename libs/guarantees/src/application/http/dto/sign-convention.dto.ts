import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';
import { BANK_ID_PATTERN, CEILING_BASES, type CeilingBasis } from '../../../domain';
import { MULTIPLIER_PATTERN } from './validation';

export class SignConventionDto {
  @ApiProperty({ description: 'The mutual guarantee company' })
  @IsString()
  @MaxLength(100)
  companyId!: string;

  @ApiProperty({ description: 'Bank identifier', example: 'CNCAS' })
  @IsString()
  @Matches(BANK_ID_PATTERN, { message: '$property must be 1 to 64 letters, digits or . _ -' })
  bankId!: string;

  @ApiProperty({
    description: 'Multiplier coefficient, exact: "numerator/denominator" or a decimal',
    example: '1000000000/340000000',
  })
  @IsString()
  @Matches(MULTIPLIER_PATTERN, { message: '$property must be "n/d" or a decimal like "2.5"' })
  multiplier!: string;

  @ApiProperty({ description: 'Share of each loan guaranteed, in basis points', example: 5000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  coverageRateBp!: number;

  @ApiProperty({ enum: CEILING_BASES, description: 'What the ceiling (fund × multiplier) applies to' })
  @IsIn(CEILING_BASES as CeilingBasis[])
  ceilingBasis!: CeilingBasis;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Maximum guaranteed amount per loan', nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  maxGuaranteedPerLoan?: MoneyDto | null;

  @IsBusinessDate('First day of validity', { term: true })
  validFrom!: string;

  @IsBusinessDate('Last day of validity', { term: true })
  validUntil!: string;

  @IsBusinessDate('Signature date')
  signedOn!: string;
}
