import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const PROPOSAL_STATUSES = ['pending', 'confirmed', 'declined', 'expired'] as const;

export class ListProposalsDto {
  @ApiPropertyOptional({ example: 'cofinancing', description: 'one context; omitted: every context you may read' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  context?: string;

  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: (typeof PROPOSAL_STATUSES)[number];

  @ApiPropertyOptional({ example: 'approve-grant' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({
    example: 'fundId:6c1f…',
    description: 'one subject the proposals act on, as `name:id` (fundId, grantId, companyId, conventionId…)',
  })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,39}:\S{1,200}$/, { message: 'subject must be name:id, e.g. fundId:F-1' })
  subject?: string;

  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be a nextCursor this API gave' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** The filters the routes of one context accepted before `GET /proposals` (deprecated). */
export class LegacyListProposalsDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: (typeof PROPOSAL_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fundId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  grantId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  companyId?: string;
}
