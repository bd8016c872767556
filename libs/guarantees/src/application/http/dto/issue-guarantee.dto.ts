import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';
import { LOAN_REFERENCE_PATTERN } from '../../../domain';

export class IssueGuaranteeDto {
  @ApiProperty({ description: 'The member firm whose loan is guaranteed' })
  @IsString()
  @MaxLength(100)
  memberId!: string;

  @ApiProperty({ description: "The bank's loan reference", example: 'CNCAS-2008-0017' })
  @IsString()
  @Matches(LOAN_REFERENCE_PATTERN, { message: '$property must be 1 to 80 letters, digits or . _ / -' })
  loanReference!: string;

  @ApiProperty({ type: MoneyDto, description: 'Loan principal' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  principal!: MoneyDto;

  @IsBusinessDate('Loan start date')
  loanStartDate!: string;

  @IsBusinessDate('Loan maturity date')
  maturityDate!: string;

  @IsBusinessDate('Issue date of the guarantee')
  issuedOn!: string;
}
