import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';
import { CEILING_BASES, type CeilingBasis } from '../../../domain';
import { MULTIPLIER_PATTERN } from './validation';

export class AmendConventionDto {
  @IsBusinessDate('Date the new terms take effect', { term: true })
  effectiveFrom!: string;

  @IsBusinessDate('Date of the amendment')
  amendedOn!: string;

  @ApiPropertyOptional({ description: 'New multiplier, exact', example: '5/2' })
  @IsOptional()
  @IsString()
  @Matches(MULTIPLIER_PATTERN, { message: '$property must be "n/d" or a decimal like "2.5"' })
  multiplier?: string;

  @ApiPropertyOptional({ description: 'New coverage rate in basis points' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  coverageRateBp?: number;

  @ApiPropertyOptional({ enum: CEILING_BASES })
  @IsOptional()
  @IsIn(CEILING_BASES as CeilingBasis[])
  ceilingBasis?: CeilingBasis;

  @ApiPropertyOptional({ type: MoneyDto, description: 'New per-loan maximum (null removes it)', nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  maxGuaranteedPerLoan?: MoneyDto | null;

  @IsBusinessDate('New last day of validity', { optional: true, term: true })
  validUntil?: string | null;
}
