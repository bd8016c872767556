import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsBusinessDate, IsProposalTtlHours, MoneyDto } from '@ledger/platform';

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

  @IsProposalTtlHours()
  proposalTtlHours!: number;

  @IsBusinessDate('Date the policy was set', { example: '2008-01-15' })
  setOn!: string;
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
