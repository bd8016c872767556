import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answer of `POST /access/api-keys`: the key's metadata, and its secret in the first answer only. */
export class IssuedApiKeyDto {
  @ApiProperty({ example: 'f120eaaed120' })
  keyId!: string;

  @ApiProperty({ example: 'amina.fund' })
  userId!: string;

  @ApiProperty({ example: 'fund_manager' })
  role!: string;

  @ApiProperty({ type: String, nullable: true, example: 'laptop, 2025' })
  label!: string | null;

  @ApiProperty({ example: '2026-12-04T14:17:18.863Z' })
  createdAt!: string;

  @ApiProperty({ example: 'admin' })
  createdBy!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  revokedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  revokedBy!: string | null;

  @ApiPropertyOptional({
    description: 'the secret key, in the first answer only: it is stored nowhere (only its salted hash)',
    example: 'lk_f120eaaed120_6_k9RTD-miwi6DEYBmmFmANNeFGYiD1TUeVYcHriWlQ',
  })
  apiKey?: string;

  @ApiPropertyOptional({
    description: 'in a replay under the same Idempotency-Key, in place of `apiKey`: why it is not shown again',
  })
  apiKeyOmitted?: string;
}
