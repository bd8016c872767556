import { ApiProperty } from '@nestjs/swagger';

/** A user as `GET /access/users` lists it. */
export class UserViewDto {
  @ApiProperty({ example: 'amina.fund' }) userId!: string;
  @ApiProperty({ example: 'fund_manager' }) role!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) bankId!: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) disabledBy!: string | null;
}

/** A key as `GET /access/api-keys` lists it: never its secret. */
export class ApiKeyViewDto {
  @ApiProperty({ example: 'f120eaaed120' }) keyId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ example: 'fund_manager' }) role!: string;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy!: string | null;
}
