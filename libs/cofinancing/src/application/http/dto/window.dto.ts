import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsMeaningfulText, MoneyDto } from '@ledger/platform';
import { SUPPORT_KINDS } from '../../../domain';

export class YearTermDto {
  @ApiProperty({ example: 7500, description: 'subsidy rate in basis points (7500 = 75 %)' })
  @IsInt({ message: 'must be an integer number of basis points' })
  @Min(0)
  @Max(10_000)
  rateBp!: number;

  @ApiProperty({ type: MoneyDto, description: 'cap on the subsidy per beneficiary for this participation year' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  cap!: MoneyDto;
}

export class AfterLastYearDto {
  @ApiProperty({ enum: ['ineligible', 'floor-rate'] })
  @IsIn(['ineligible', 'floor-rate'])
  rule!: 'ineligible' | 'floor-rate';

  // Required with 'floor-rate'; checked whenever given, so that nothing malformed is ever accepted.
  @ApiPropertyOptional({ example: 2500, description: "with 'floor-rate': the rate of every later year" })
  @ValidateIf((o: AfterLastYearDto) => o.rule === 'floor-rate' || o.rateBp !== undefined)
  @IsInt({ message: 'must be an integer number of basis points' })
  @Min(0)
  @Max(10_000)
  rateBp?: number;

  @ApiPropertyOptional({ type: MoneyDto, description: "with 'floor-rate': the cap of every later year" })
  @ValidateIf((o: AfterLastYearDto) => o.rule === 'floor-rate' || o.cap !== undefined)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  cap?: MoneyDto;
}

export class ScheduleDto {
  @IsBusinessDate('requests dated from this day on use this version', { example: '2021-01-01', term: true })
  effectiveFrom!: string;

  @ApiProperty({ type: [YearTermDto], description: 'participation year 1, 2, 3 … in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => YearTermDto)
  years!: YearTermDto[];

  @ApiProperty({ type: AfterLastYearDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AfterLastYearDto)
  afterLastYear!: AfterLastYearDto;
}

export class OpenWindowDto {
  @ApiProperty({ example: 'Promotion costs' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: SUPPORT_KINDS })
  @IsIn(SUPPORT_KINDS as unknown as string[])
  supportKind!: (typeof SUPPORT_KINDS)[number];

  @IsBusinessDate('Date the window opened', { example: '2021-01-01' })
  openedOn!: string;

  @ApiProperty({ type: ScheduleDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule!: ScheduleDto;
}

export class AmendScheduleDto {
  @IsBusinessDate('when the amendment was decided', { example: '2022-06-01' })
  amendedOn!: string;

  @ApiProperty({ type: ScheduleDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule!: ScheduleDto;
}
