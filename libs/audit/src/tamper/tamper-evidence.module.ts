import { Module } from '@nestjs/common';
import { VerificationController } from './verification.controller';

/** Verification and checkpoints over HTTP (for auditors); the checkpointer itself is a projection. */
@Module({ controllers: [VerificationController] })
export class TamperEvidenceModule {}
