import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
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

export class SetCompanyApprovalPolicyDto {
  @ApiPropertyOptional({
    type: MoneyDto,
    nullable: true,
    description:
      'issuing a guarantee whose guaranteed amount is above this needs a second guarantee officer; omit or null for never',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  issueGuaranteeAbove?: MoneyDto | null;

  @ApiProperty({
    description: 'reversing a guarantee fund deposit or a loan repayment needs a second guarantee officer',
  })
  @IsBoolean()
  correctionsNeedSecondPerson!: boolean;

  @ApiProperty({
    example: 48,
    description: `hours a proposal waits for its second person before it expires (1 to ${MAX_PROPOSAL_TTL_HOURS})`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_PROPOSAL_TTL_HOURS)
  proposalTtlHours!: number;

  @IsBusinessDate('Date the policy was set', { example: '2008-01-15' })
  setOn!: string;
}

export class DeclineGuaranteeProposalDto {
  @ApiProperty({ example: 'loan file incomplete: no collateral schedule' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export const GUARANTEE_PROPOSAL_STATUSES = ['pending', 'confirmed', 'declined', 'expired'] as const;

export class ListGuaranteeProposalsQueryDto {
  @ApiPropertyOptional({ enum: GUARANTEE_PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(GUARANTEE_PROPOSAL_STATUSES)
  status?: (typeof GUARANTEE_PROPOSAL_STATUSES)[number];

  @ApiPropertyOptional({ description: 'the proposals of one mutual guarantee company' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  companyId?: string;
}
