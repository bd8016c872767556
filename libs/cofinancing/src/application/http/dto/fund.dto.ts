import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { CurrencyCode } from '@ledger/money';
import { IsBusinessDate, IsMeaningfulText, IsCurrencyCode, MoneyDto } from '@ledger/platform';

export class CreateFundDto {
  @ApiProperty({ example: "Fonds d'appui aux consortiums d'exportation" })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  name!: string;

  @IsCurrencyCode('the one currency the fund keeps its books in')
  currency!: CurrencyCode;

  @IsBusinessDate('Date the fund was created', { example: '2021-01-01' })
  createdOn!: string;
}

export class RegisterDonorDto {
  @ApiProperty({ example: 'Agence Française de Développement' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  name!: string;

  @IsBusinessDate('Date the donor was registered', { example: '2021-01-01' })
  registeredOn!: string;
}

export class RecordContributionDto {
  @ApiProperty({ description: 'a donor registered on the fund' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  donorId!: string;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @IsBusinessDate('Date the contribution was received', { example: '2021-01-10' })
  receivedOn!: string;

  @ApiProperty({ example: 'CONV-2021-01', description: 'the donor’s reference (convention, transfer)' })
  @IsString()
  @IsNotEmpty()
  @IsMeaningfulText()
  @MaxLength(200)
  reference!: string;
}
