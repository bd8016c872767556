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

/** Who is calling: `GET /access/me`. */
export class PrincipalViewDto {
  @ApiProperty({ example: 'amina.fund' }) userId!: string;
  @ApiProperty({ example: 'fund_manager' }) role!: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'set for bank users only' })
  bankId!: string | null;
  @ApiProperty({ example: 'f120eaaed120', description: 'the key this request was authenticated with' })
  keyId!: string;
}

/** A refused request, as `GET /access/denials` lists it. */
export class DenialViewDto {
  @ApiProperty({ example: '42' }) denialId!: string;
  @ApiProperty({ example: '2026-12-04T10:15:00.000Z' }) at!: string;
  @ApiProperty({ example: 403, description: '401, 403, or 404 outside a bank’s scope' }) status!: number;
  @ApiProperty({ example: 'role' }) reason!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true }) keyId!: string | null;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/cofinancing/funds' }) path!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the client address (see TRUST_PROXY)' })
  ip!: string | null;
}

/** A change to access, as `GET /access/changes` lists it. */
export class AccessChangeViewDto {
  @ApiProperty({ example: '7' }) changeId!: string;
  @ApiProperty({ example: '2026-12-04T10:15:00.000Z' }) at!: string;
  @ApiProperty({ example: 'admin' }) actor!: string;
  @ApiProperty({
    example: 'user-created',
    description: 'user-created, user-disabled, api-key-created, api-key-revoked',
  })
  action!: string;
  @ApiProperty({ example: 'amina.fund', description: 'the user or key changed' }) subject!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what changed (role, bank, label…)' })
  details!: Record<string, unknown>;
}
