import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ListQueryDto } from '@ledger/platform';
import { USER_ID_PATTERN } from '../../../domain/roles';

export class ListApiKeysQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'only the keys of this user' })
  @IsOptional()
  @IsString()
  @Matches(USER_ID_PATTERN, { message: 'must be 1 to 64 lower-case letters, digits or . _ -' })
  userId?: string;
}
