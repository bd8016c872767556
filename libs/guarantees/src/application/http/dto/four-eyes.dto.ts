import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
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
