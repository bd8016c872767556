import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '@ledger/platform';
import { BENEFICIARY_KINDS } from '../../../domain';

/** GET /cofinancing/beneficiaries: `?name=` (part of the name, any case) with `?limit=` and `?cursor=`. */
export class ListBeneficiariesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'part of the name, any case', example: 'fonoon' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class BeneficiarySummaryDto {
  @ApiProperty() beneficiaryId!: string;
  @ApiProperty({ example: 'Consortium Fonoon Vitargan' }) name!: string;
  @ApiProperty({ enum: BENEFICIARY_KINDS }) kind!: string;
  @ApiProperty({ example: '2021-03-15' }) enrolledOn!: string;
  @ApiProperty({ description: 'member firms today' }) memberFirms!: number;
  @ApiProperty() womenOwnedFirms!: number;
  @ApiProperty({ description: 'member firms whose women ownership was recorded at all' })
  womenOwnershipRecorded!: number;
}

export class BeneficiaryPageDto {
  @ApiProperty({ type: [BeneficiarySummaryDto] }) items!: BeneficiarySummaryDto[];
  @ApiProperty({ description: 'beneficiaries matching the search' }) total!: number;
  @ApiPropertyOptional({ description: 'present when there may be more: pass it as `cursor`' }) nextCursor?: string;
}
