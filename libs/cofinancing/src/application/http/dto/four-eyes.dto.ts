import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsBusinessDate, IsProposalTtlHours, MoneyDto } from '@ledger/platform';

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

  @ApiPropertyOptional({
    type: MoneyDto,
    description:
      'a disbursement whose paid subsidy share is above this needs a second fund manager (the payment is reserved ' +
      'on the grant meanwhile); omit for never',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  disburseAbove?: MoneyDto;

  @ApiPropertyOptional({
    default: false,
    description:
      'every correction (disbursement reversal, with or without replacement) needs a second fund manager; ' +
      'the entry is locked and any extra commitment its replacement would use is reserved meanwhile',
  })
  @IsOptional()
  @IsBoolean()
  correctionsNeedSecondPerson?: boolean;

  @IsProposalTtlHours()
  proposalTtlHours!: number;

  @IsBusinessDate('Date the policy was set', { example: '2021-01-01' })
  setOn!: string;
}
