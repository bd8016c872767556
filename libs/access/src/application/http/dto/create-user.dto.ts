import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { BANK_ID_PATTERN, ROLES, USER_ID_PATTERN, type Role } from '../../../domain/roles';

export class CreateUserDto {
  @ApiProperty({ example: 'amina.fund', description: 'also the actor recorded in every event the user causes' })
  @IsString()
  @Matches(USER_ID_PATTERN, { message: 'must be 1 to 64 lower-case letters, digits or . _ -' })
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
  @MaxLength(200)
  displayName?: string;
}
