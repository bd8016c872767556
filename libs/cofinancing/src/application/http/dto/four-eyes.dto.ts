import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';
import { MAX_PROPOSAL_TTL_HOURS } from '../../../domain';

export class SetApprovalPolicyDto {
  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'approving a grant whose subsidy is above this needs a second fund manager; omit for never',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  approveGrantAbove?: MoneyDto;

  @ApiProperty({
    example: 48,
    description: `hours a proposal waits for its second person before it expires (1 to ${MAX_PROPOSAL_TTL_HOURS})`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_PROPOSAL_TTL_HOURS)
  proposalTtlHours!: number;

  @IsBusinessDate('Date the policy was set', { example: '2021-01-01' })
  setOn!: string;
}

export class DeclineProposalDto {
  @ApiProperty({ example: 'subsidy too high for this action plan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export const PROPOSAL_STATUSES = ['pending', 'confirmed', 'declined', 'expired'] as const;

export class ListProposalsQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: (typeof PROPOSAL_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fundId?: string;
}
