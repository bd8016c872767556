import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsBusinessDate, MoneyDto } from '@ledger/platform';
import { LOAN_REFERENCE_PATTERN, normalizeLoanReference } from '../../../domain';

export class IssueGuaranteeDto {
  @ApiProperty({ description: 'The member firm whose loan is guaranteed' })
  @IsString()
  @MaxLength(100)
  memberId!: string;

  @ApiProperty({
    description: "The bank's loan reference, stored normalised (trimmed, inner spaces collapsed, NFKC, upper case)",
    example: 'CNCAS-2008-0017',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeLoanReference(value) : value))
  @IsString()
  @Matches(LOAN_REFERENCE_PATTERN, { message: '$property must be 1 to 80 letters, digits or . _ / -' })
  loanReference!: string;

  @ApiProperty({ type: MoneyDto, description: 'Loan principal' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  principal!: MoneyDto;

  @IsBusinessDate('Loan start date', { term: true })
  loanStartDate!: string;

  @IsBusinessDate('Loan maturity date', { term: true })
  maturityDate!: string;

  @IsBusinessDate('Issue date of the guarantee')
  issuedOn!: string;
}
