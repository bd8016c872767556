import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PROPOSAL_TTL_HOURS } from '@ledger/kernel';
import { IsMeaningfulText } from './meaningful-text.decorator';

/** A policy's `proposalTtlHours`: whole hours from 1 to MAX_PROPOSAL_TTL_HOURS (both contexts' policies). */
export function IsProposalTtlHours(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example: 48,
      description: `hours a proposal waits for its second person before it expires (1 to ${MAX_PROPOSAL_TTL_HOURS})`,
    }),
    IsInt(),
    Min(1),
    Max(MAX_PROPOSAL_TTL_HOURS),
  );
}

/** Declining a four-eyes proposal, in either context: why. */
export class DeclineProposalDto {
  @ApiProperty({ example: 'subsidy too high for this action plan' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(500)
  reason!: string;
}
