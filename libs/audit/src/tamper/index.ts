export { CheckpointProjection, CHECKPOINT_PROJECTION } from './checkpoint.projection';
export { CheckpointSigner, keyIdOf, verifyCheckpointSignature } from './checkpoint-signer';
export { CreateLedgerCheckpoints1764500000000 } from './1764500000000-create-ledger-checkpoints';
export { GENESIS_DIGEST, checkpointStatement, nextLedgerDigest } from './ledger-digest';
export { verifyLedger, type BrokenEvent, type VerificationReport, type VerifyOptions } from './ledger-verifier';
export { createCheckpointNow, type PublishedCheckpoint } from './publish-checkpoint';
export { tamperEvidenceReadModels } from './tamper-evidence.read-models';
export { TamperEvidenceModule } from './tamper-evidence.module';
