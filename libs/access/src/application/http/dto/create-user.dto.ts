import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsMeaningfulText } from '@ledger/platform';
import { BANK_ID_PATTERN, ROLES, USER_ID_PATTERN, type Role } from '../../../domain/roles';
import { RESERVED_USER_IDS } from '../../../domain/system-actors';

export class CreateUserDto {
  @ApiProperty({
    example: 'amina.fund',
    description: `also the actor recorded in every event the user causes; the ledger's own actors (${RESERVED_USER_IDS.join(', ')}) are reserved`,
  })
  @IsString()
  @Matches(USER_ID_PATTERN, { message: 'must be 1 to 64 lower-case letters, digits or . _ -' })
  @IsNotIn(RESERVED_USER_IDS, {
    message: `is reserved for the ledger's own actions (${RESERVED_USER_IDS.join(', ')})`,
  })
  userId!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ example: 'CNCAS', description: 'required for a bank user, refused for the others' })
  @IsOptional()
  @IsString()
  @Matches(BANK_ID_PATTERN, { message: 'must be 1 to 64 letters, digits or . _ -' })
  bankId?: string;

  @ApiPropertyOptional({ example: 'Amina (fund manager)' })
  @IsOptional()
  @IsString()
  @IsMeaningfulText()
  @MaxLength(200)
  displayName?: string;
}
