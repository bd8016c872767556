import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyView } from '@ledger/platform';

/**
 * The OpenAPI schemas of what the audit routes answer: they describe the bodies the history, the
 * verifier and the checkpoints build (no handler returns these classes).
 */

/** An event as the auditor sees it (AuditEventView). */
export class AuditEventSchema {
  @ApiProperty({ example: '1042' }) position!: string;
  @ApiProperty({ example: 'cofinancing-grant-…' }) streamId!: string;
  @ApiProperty({ example: '0' }) revision!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'cofinancing.GrantApproved' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ description: 'when it happened in the world' }) businessTime!: string;
  @ApiProperty({ description: 'when the ledger wrote it' }) recordedAt!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() role!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: String, nullable: true }) causationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) idempotencyKey!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the chain hash (null on KurrentDB)' }) hash!:
    string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the payload, as stored' })
  data!: Record<string, unknown>;
}

/** `GET /audit/events`: a page of the global log. */
export class AuditEventPageSchema {
  @ApiProperty({ type: [AuditEventSchema] }) items!: AuditEventSchema[];
  @ApiPropertyOptional({ description: 'present while there is more: pass it as `?cursor=`' }) nextCursor?: string;
  @ApiProperty({ description: 'the position of the last event looked at (`?after=` for the next page)' })
  nextAfter!: string;
  @ApiProperty({ description: 'whether the log holds events after `nextAfter`' }) hasMore!: boolean;
  @ApiProperty() headPosition!: string;
}

/** `GET /audit/streams/:streamId/events`: a page of one stream. */
export class StreamEventPageSchema {
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: [AuditEventSchema] }) items!: AuditEventSchema[];
  @ApiProperty({ type: String, nullable: true, description: 'where the next page starts, null at the end' })
  nextFromRevision!: string | null;
  @ApiProperty() lastRevision!: string;
}

class BrokenEventSchema {
  @ApiProperty() position!: string;
  @ApiProperty({ type: String, nullable: true }) streamId!: string | null;
  @ApiProperty({ type: String, nullable: true }) revision!: string | null;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty() reason!: string;
}

/** `GET /audit/verification`. */
export class VerificationReportSchema {
  @ApiProperty() ok!: boolean;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty() headPosition!: string;
  @ApiProperty() checkpointsVerified!: number;
  @ApiProperty({
    enum: ['pinned public key', 'this installation’s signing key', 'no key: signatures not checked'],
  })
  trust!: string;
  @ApiProperty({ type: BrokenEventSchema, nullable: true, description: 'the first broken event, if any' })
  firstBroken!: BrokenEventSchema | null;
  @ApiProperty({ enum: ['global-chain', 'stream-chain'], description: 'how the store’s log was checked' })
  evidence!: string;
  @ApiProperty({ type: [String], description: 'what this check cannot see on this store' }) limits!: string[];
}

class CheckpointSchema {
  @ApiProperty() position!: string;
  @ApiProperty() ledgerDigest!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty() signature!: string;
  @ApiProperty() createdAt!: string;
}

/** `GET /audit/checkpoints`. */
export class CheckpointListSchema {
  @ApiProperty({ type: String, nullable: true, description: 'the PEM public key that signs them' })
  publicKey!: string | null;
  @ApiProperty({ type: [CheckpointSchema], description: 'newest first, at most 100' })
  checkpoints!: CheckpointSchema[];
}

class RatioSchema {
  @ApiProperty({ example: '50/17' }) ratio!: string;
  @ApiProperty({ example: '2.9411', description: 'truncated, never rounded up' }) decimal!: string;
}

class RateSchema {
  @ApiProperty({ example: 6500, description: 'basis points, rounded down' }) bp!: number;
  @ApiProperty({ example: '13/20' }) ratio!: string;
}

class AmountPerUnitSchema extends MoneyView {
  @ApiProperty({ example: '135000/4', description: 'the exact quotient in minor units' }) exactMinor!: string;
}

class ParticipationYearFiguresSchema {
  @ApiProperty() participationYear!: number;
  @ApiProperty() grantsApproved!: number;
  @ApiProperty() networks!: number;
  @ApiProperty({ type: MoneyView }) eligibleCost!: MoneyView;
  @ApiProperty({ type: MoneyView }) subsidy!: MoneyView;
  @ApiProperty({ type: MoneyView }) ownShare!: MoneyView;
  @ApiProperty({ type: Number, nullable: true }) effectiveRateBp!: number | null;
  @ApiProperty({ type: String, nullable: true }) effectiveRate!: string | null;
}

class CofinancingFiguresSchema {
  @ApiProperty({ example: 'MAD' }) currency!: string;
  @ApiProperty() funds!: number;
  @ApiProperty() grantsApproved!: number;
  @ApiProperty() networksReached!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) networksReachedByKind!: Record<
    string,
    number
  >;
  @ApiProperty() firmsReached!: number;
  @ApiProperty() womenOwnedFirms!: number;
  @ApiProperty() womenOwnershipRecorded!: number;
  @ApiProperty({ type: MoneyView }) eligibleCost!: MoneyView;
  @ApiProperty({ type: MoneyView }) subsidy!: MoneyView;
  @ApiProperty({ type: MoneyView }) ownShare!: MoneyView;
  @ApiProperty({ type: AmountPerUnitSchema, nullable: true }) subsidyPerFirm!: AmountPerUnitSchema | null;
  @ApiProperty({ type: AmountPerUnitSchema, nullable: true }) subsidyPerNetwork!: AmountPerUnitSchema | null;
  @ApiProperty({ type: RatioSchema, nullable: true }) privateCofinancingPerUnitOfSubsidy!: RatioSchema | null;
  @ApiProperty({ type: [ParticipationYearFiguresSchema] })
  effectiveRateByParticipationYear!: ParticipationYearFiguresSchema[];
  @ApiProperty({ type: RateSchema, nullable: true }) effectiveRate!: RateSchema | null;
  @ApiProperty({ type: Boolean, nullable: true }) effectiveRateFalls!: boolean | null;
}

class GuaranteeFiguresSchema {
  @ApiProperty({ example: 'XOF' }) currency!: string;
  @ApiProperty() companies!: number;
  @ApiProperty() members!: number;
  @ApiProperty() membersReached!: number;
  @ApiProperty({ type: 'null', nullable: true, description: 'not recorded for guarantee members' })
  womenOwnedMembers!: null;
  @ApiProperty() guaranteesIssued!: number;
  @ApiProperty({ type: MoneyView }) creditMobilised!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteedAmount!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteeFund!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteeFundBalance!: MoneyView;
  @ApiProperty({ type: RatioSchema, nullable: true }) creditPerUnitOfGuaranteeFund!: RatioSchema | null;
  @ApiProperty() calls!: number;
  @ApiProperty({ type: MoneyView }) claimsCalled!: MoneyView;
  @ApiProperty({ type: MoneyView }) claimsPaid!: MoneyView;
  @ApiProperty({ type: MoneyView }) recoveries!: MoneyView;
  @ApiProperty({ type: RateSchema, nullable: true }) callRate!: RateSchema | null;
  @ApiProperty({ type: RateSchema, nullable: true }) callRateByCount!: RateSchema | null;
  @ApiProperty({ type: RateSchema, nullable: true }) recoveryRate!: RateSchema | null;
}

/** `GET /audit/monitoring` (JSON; `?format=csv` gives the same figures as CSV). */
export class MonitoringReportSchema {
  @ApiProperty({ enum: ['programme', 'fund', 'company'] }) scope!: string;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
  @ApiProperty({ description: 'the log position the figures describe the ledger up to' }) readModelsPosition!: string;
  @ApiProperty({ type: [CofinancingFiguresSchema], description: 'per currency' })
  cofinancing!: CofinancingFiguresSchema[];
  @ApiProperty({ type: [GuaranteeFiguresSchema], description: 'per currency' }) guarantees!: GuaranteeFiguresSchema[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) definitions!: Record<string, string>;
}
