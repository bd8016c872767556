import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_CODES } from '@ledger/money';
import { DATE, MoneyDto } from './money.dto';

export const IsBusinessDate = () => (target: object, key: string) => {
  Matches(DATE, { message: 'must be a date YYYY-MM-DD' })(target, key);
  IsISO8601({ strict: true }, { message: 'must be a real calendar date' })(target, key);
};

export class CreateFundDto {
  @ApiProperty({ example: "Fonds d'appui aux consortiums d'exportation" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'MAD', enum: CURRENCY_CODES, description: 'the one currency the fund keeps its books in' })
  @IsIn(CURRENCY_CODES as string[], {
    message: `must be one of the currencies the ledger knows: ${CURRENCY_CODES.join(', ')}`,
  })
  currency!: string;

  @ApiProperty({ example: '2021-01-01' })
  @IsBusinessDate()
  createdOn!: string;
}

export class RegisterDonorDto {
  @ApiProperty({ example: 'Agence Française de Développement' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2021-01-01' })
  @IsBusinessDate()
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

  @ApiProperty({ example: '2021-01-10' })
  @IsBusinessDate()
  receivedOn!: string;

  @ApiProperty({ example: 'CONV-2021-01', description: 'the donor’s reference (convention, transfer)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference!: string;
}
