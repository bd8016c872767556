import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsMeaningfulText } from '@ledger/platform';
import { BENEFICIARY_KINDS } from '../../../domain';

export class MemberFirmDto {
  @ApiProperty({ example: 'Coopérative Tifawin' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'whether the firm is women-owned; omit where not recorded' })
  @IsOptional()
  @IsBoolean()
  womenOwned?: boolean;
}

export class EnrolBeneficiaryDto {
  @ApiProperty({ example: 'Consortium Fonoon Vitargan' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: BENEFICIARY_KINDS })
  @IsIn(BENEFICIARY_KINDS as unknown as string[])
  kind!: (typeof BENEFICIARY_KINDS)[number];

  @IsBusinessDate('participation years count from this date', { example: '2021-03-15' })
  enrolledOn!: string;

  @ApiProperty({ type: [MemberFirmDto] })
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => MemberFirmDto)
  memberFirms!: MemberFirmDto[];
}

export class AddMemberFirmDto extends MemberFirmDto {
  @IsBusinessDate('Date the firm joined the consortium', { example: '2022-01-10' })
  joinedOn!: string;
}
