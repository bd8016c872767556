import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LedgerRuntime } from '@ledger/platform';
import { CheckpointListSchema, VerificationReportSchema } from '../audit-views';
import { CheckpointSigner } from './checkpoint-signer';
import { verifyLedger, type VerificationReport } from './ledger-verifier';

export class VerifyQueryDto {
  @ApiPropertyOptional({ description: 'PEM public key the auditor pins; checkpoints signed by another key fail' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  publicKey?: string;
}

@ApiTags('audit')
@Controller('audit')
export class VerificationController {
  constructor(private readonly runtime: LedgerRuntime) {}

  @Get('verification')
  @ApiOperation({
    summary: 'Check the whole log: dense positions and revisions, hash chains, signed checkpoints',
    description: 'Names the first broken event. The same check as `ledger verify`.',
  })
  @ApiOkResponse({
    type: VerificationReportSchema,
    description: 'The verification report (ok, events checked, first broken event)',
  })
  async verify(@Query() query: VerifyQueryDto): Promise<VerificationReport> {
    return verifyLedger(this.runtime.store, this.runtime.dataSource, {
      trustedPublicKeyPem: query.publicKey,
      installationPublicKeyPem: installationKey(),
    });
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'The signed checkpoints of the log, newest first, and the public key that signs them' })
  @ApiOkResponse({ type: CheckpointListSchema })
  async checkpoints() {
    const rows: { position: string; ledger_digest: string; key_id: string; signature: string; created_at: Date }[] =
      await this.runtime.dataSource.query(
        'SELECT position, ledger_digest, key_id, signature, created_at FROM ledger_checkpoints ORDER BY position DESC LIMIT 100',
      );
    return {
      publicKey: installationKey() ?? null,
      checkpoints: rows.map((row) => ({
        position: row.position,
        ledgerDigest: row.ledger_digest,
        keyId: row.key_id,
        signature: row.signature,
        createdAt: row.created_at.toISOString(),
      })),
    };
  }
}

/** This installation's public key, when it has a signing key (a read never creates one). */
export function installationKey(): string | undefined {
  return CheckpointSigner.existingPublicKey();
}
