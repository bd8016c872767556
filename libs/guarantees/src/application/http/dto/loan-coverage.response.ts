import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '@ledger/platform';

const LOAN_STATES = [
  'not-guaranteed',
  'active',
  'released',
  'claim-pending',
  'claim-partially-paid',
  'claim-paid',
  'partially-recovered',
  'recovered',
];

/** What happened to a loan after its borrower defaulted (the guarantee was called). */
export class LoanDefaultResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2009-03-01',
    description: 'The business date of the call (null in a list as of a date)',
  })
  calledOn!: string | null;

  @ApiProperty({ type: MoneyDto, description: 'The principal the borrower still owed at default' })
  outstandingAtDefault!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'floor(coverage × outstanding at default): what the fund owes the bank' })
  claim!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Paid to the bank so far' })
  claimPaid!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  claimLeftToPay!: MoneyDto;

  @ApiProperty({ type: String, nullable: true, description: 'The date of the last claim payment' })
  claimLastPaidOn!: string | null;

  @ApiProperty({ type: MoneyDto, description: 'Recovered from the member and returned to the fund' })
  recovered!: MoneyDto;

  @ApiProperty({ type: String, nullable: true, description: 'The date of the last recovery' })
  lastRecoveredOn!: string | null;
}

/** GET /banks/:bankId/loan-coverage: a bank's loan, from issuance through default, claim and recovery. */
export class LoanCoverageResponse {
  @ApiProperty({ example: 'CNCAS' })
  bankId!: string;

  @ApiProperty({
    example: 'CNCAS-2008-0017',
    description: 'As stored: trimmed, inner spaces collapsed, NFKC, upper case',
  })
  loanReference!: string;

  @ApiProperty({ description: 'In force, or called with part of the claim still to pay' })
  covered!: boolean;

  @ApiProperty({ enum: LOAN_STATES })
  state!: string;

  @ApiProperty({ type: String, nullable: true })
  guaranteeId!: string | null;

  @ApiPropertyOptional({ enum: ['active', 'released', 'called'], description: "The guarantee's own status" })
  status?: string;

  @ApiPropertyOptional()
  conventionId?: string;

  @ApiPropertyOptional({ example: 5000 })
  coverageRateBp?: number;

  @ApiPropertyOptional({ type: MoneyDto })
  principal?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  guaranteedAmount?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Now; for a defaulted loan, the outstanding at default' })
  outstandingPrincipal?: MoneyDto;

  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'What the guarantee still covers: the guaranteed outstanding, or once called the claim left to pay',
  })
  guaranteedOutstanding?: MoneyDto;

  @ApiPropertyOptional()
  loanStartDate?: string;

  @ApiPropertyOptional()
  maturityDate?: string;

  @ApiPropertyOptional()
  issuedOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  releasedOn?: string | null;

  @ApiPropertyOptional({ type: LoanDefaultResponse, nullable: true, description: 'Null unless the loan defaulted' })
  default?: LoanDefaultResponse | null;

  @ApiPropertyOptional({ type: MoneyDto, nullable: true, description: 'The claim (also under `default`)' })
  claim?: MoneyDto | null;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Claim paid so far (also under `default`)' })
  claimPaid?: MoneyDto;

  @ApiPropertyOptional({ description: "The read models' log position" })
  position?: string;
}

/**
 * GET /banks/:bankId/guarantees: a page of the bank's loans with a guarantee, each as loan-coverage
 * answers it; with `?asOf=&knownAt=`, as of that date (stamped, without dates of payments nor `position`).
 */
export class BankLoansPageResponse {
  @ApiProperty({ type: [LoanCoverageResponse] })
  items!: LoanCoverageResponse[];

  @ApiPropertyOptional({ description: 'how many loans in all' })
  total?: number;

  @ApiPropertyOptional({ description: 'present when there may be more: pass it as `?cursor=`' })
  nextCursor?: string;

  @ApiPropertyOptional({ example: '2009-12-31', description: 'with asOf/knownAt: the business date answered' })
  asOf?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'with asOf/knownAt: the record-time cut' })
  knownAt?: string | null;

  @ApiPropertyOptional({ description: 'with asOf/knownAt: the log position the as-of projection reflects' })
  throughPosition?: string;
}
