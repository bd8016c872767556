import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ListQueryDto } from '@ledger/platform';

const ID = /^[A-Za-z0-9._:-]{1,100}$/;
const ID_MESSAGE = 'must be 1 to 100 letters, digits or . _ : -';

export const CONVENTION_STATUSES = ['not-yet-in-force', 'in-force', 'expired', 'terminated'] as const;
export const GUARANTEE_STATES = ['active', 'released', 'called'] as const;

/** GET /bank-conventions: `?companyId=&bankId=&status=` and `?limit=&cursor=`. */
export class ListConventionsQueryDto extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) companyId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) bankId?: string;

  @ApiPropertyOptional({ enum: CONVENTION_STATUSES, description: 'the status today (`expired` past validUntil)' })
  @IsOptional()
  @IsIn(CONVENTION_STATUSES)
  status?: (typeof CONVENTION_STATUSES)[number];
}

/** GET /guarantees: `?companyId=&memberId=&conventionId=&loanReference=&state=` and `?limit=&cursor=`. */
export class ListGuaranteesQueryDto extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) companyId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) memberId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: ID_MESSAGE }) conventionId?: string;

  @ApiPropertyOptional({
    example: 'bnk-2024/7',
    description: 'the loan reference, whatever its case and spacing (normalised as when it was stored)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  loanReference?: string;

  @ApiPropertyOptional({ enum: GUARANTEE_STATES })
  @IsOptional()
  @IsIn(GUARANTEE_STATES)
  state?: (typeof GUARANTEE_STATES)[number];
}

export class ConventionListItemDto {
  @ApiProperty() conventionId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the company’s name' }) companyName!: string | null;
  @ApiProperty() bankId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: CONVENTION_STATUSES }) status!: string;
  @ApiProperty() openForIssuance!: boolean;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty() coverageRateBp!: number;
}

export class GuaranteeListItemDto {
  @ApiProperty() guaranteeId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty() conventionId!: string;
  @ApiProperty() bankId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty({ description: 'normalised: upper case, single spaces' }) loanReference!: string;
  @ApiProperty({ enum: GUARANTEE_STATES }) status!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() coverageRateBp!: number;
}
