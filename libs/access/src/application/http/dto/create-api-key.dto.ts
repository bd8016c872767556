import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsMeaningfulText } from '@ledger/platform';
import { USER_ID_PATTERN } from '../../../domain/roles';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'amina.fund', description: 'the user the key authenticates as' })
  @IsString()
  @Matches(USER_ID_PATTERN, { message: 'must be 1 to 64 lower-case letters, digits or . _ -' })
  userId!: string;

  @ApiPropertyOptional({ example: 'laptop, 2025' })
  @IsOptional()
  @IsString()
  @IsMeaningfulText()
  @MaxLength(200)
  label?: string;
}
