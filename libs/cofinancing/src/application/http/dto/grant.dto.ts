import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
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
import { IsBusinessDate, IsMeaningfulText, MoneyDto, OffsetListQueryDto } from '@ledger/platform';

const Id = () => (target: object, key: string) => {
  IsString()(target, key);
  IsNotEmpty()(target, key);
  MaxLength(100)(target, key);
};

export class RequestGrantDto {
  @ApiProperty() @Id() fundId!: string;
  @ApiProperty() @Id() windowId!: string;
  @ApiProperty() @Id() beneficiaryId!: string;

  @ApiProperty({ example: 'Maroc Export' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  serviceProvider!: string;

  @ApiProperty({ example: 'Stand at SIAL Paris' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ type: MoneyDto, description: "in the fund's currency" })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  eligibleCost!: MoneyDto;

  @IsBusinessDate('decides the participation year and the schedule version', { example: '2021-05-03' })
  requestedOn!: string;
}

export class ApproveGrantDto {
  @IsBusinessDate('Approval date', { example: '2021-05-10' })
  approvedOn!: string;
}

export class RejectGrantDto {
  @IsBusinessDate('Rejection date', { example: '2021-05-10' })
  rejectedOn!: string;

  @ApiProperty({ example: 'not a collective project' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(2000)
  reason!: string;
}

/** An invoice: what a disbursement pays, and what a correction's replacement pays instead. */
export class InvoiceDto {
  @ApiProperty({ example: 'INV-2021-017' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  invoiceReference!: string;

  @IsBusinessDate('Date of the invoice', { example: '2021-06-01' })
  invoiceDate!: string;

  @ApiProperty({ type: MoneyDto, description: 'the invoice amount; the fund pays its subsidy share' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  invoiceAmount!: MoneyDto;
}

export class DisburseGrantDto extends InvoiceDto {
  @IsBusinessDate('Date the invoice was paid', { example: '2021-06-15' })
  disbursedOn!: string;
}

/** The right invoice, paid in place of the reversed disbursement (a wrong invoice amount). */
export class ReplacementDisbursementDto extends InvoiceDto {}

export class ReverseDisbursementDto {
  @ApiProperty({ example: 'invoice INV-2021-017 was recorded twice' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(2000)
  reason!: string;

  @IsBusinessDate('Date the mistake was corrected (the reversal counts at the corrected entry’s date)', {
    example: '2021-07-01',
  })
  correctedOn!: string;

  @ApiPropertyOptional({
    type: ReplacementDisbursementDto,
    description: 'the right entry, recorded in the same append and dated as the one it replaces',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReplacementDisbursementDto)
  replacement?: ReplacementDisbursementDto;
}

export class CloseGrantDto {
  @IsBusinessDate('Closing date', { example: '2021-12-31' })
  closedOn!: string;
}

export class CancelGrantDto {
  @IsBusinessDate('Cancellation date', { example: '2021-05-20' })
  cancelledOn!: string;

  @ApiProperty({ example: 'the fair was cancelled' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(2000)
  reason!: string;
}

export const GRANT_STATUSES = ['requested', 'approved', 'rejected', 'closed', 'cancelled'] as const;

export class ListGrantsQueryDto extends OffsetListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) fundId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) windowId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) beneficiaryId?: string;

  @ApiPropertyOptional({ enum: GRANT_STATUSES })
  @IsOptional()
  @IsIn(GRANT_STATUSES as unknown as string[])
  status?: (typeof GRANT_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  participationYear?: number;

  @ApiPropertyOptional({
    enum: ['waiting-for-funds', 'fundable'],
    description: 'requested grants whose approval today the fund could not pay (waiting-for-funds), or could',
  })
  @IsOptional()
  @IsIn(['waiting-for-funds', 'fundable'])
  fundingStatus?: 'waiting-for-funds' | 'fundable';
}
