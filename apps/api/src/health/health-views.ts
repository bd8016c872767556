import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class LeaseSchema {
  @ApiProperty({ description: 'the process applying the projections' }) holder!: string;
  @ApiProperty({ description: 'whether its lease has not expired' }) live!: boolean;
  @ApiProperty() acquiredAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ description: 'whether this process holds it' }) heldHere!: boolean;
}

class ProjectionErrorSchema {
  @ApiProperty() message!: string;
  @ApiProperty({ description: 'the position it failed at' }) position!: string;
  @ApiProperty() at!: string;
}

class ProjectionSchema {
  @ApiProperty({ example: 'cofinancing.read-models' }) name!: string;
  @ApiProperty({ enum: ['current', 'catching-up', 'behind', 'stuck', 'failed'] }) state!: string;
  @ApiProperty({ description: 'the last log position applied' }) checkpoint!: string;
  @ApiProperty({ description: 'events of the log not applied yet' }) lag!: string;
  @ApiProperty({ type: String, nullable: true }) updatedAt!: string | null;
  @ApiProperty({ type: ProjectionErrorSchema, nullable: true }) lastError!: ProjectionErrorSchema | null;
}

/** `GET /health`: the whole picture, read from the database (every replica tells the same story). */
export class HealthOverviewSchema {
  @ApiProperty({ enum: ['ok', 'degraded', 'unavailable'] }) status!: string;
  @ApiPropertyOptional({ description: 'with `unavailable`: why' }) reason?: string;
  @ApiPropertyOptional({ enum: ['all', 'api', 'projector'] }) role?: string;
  @ApiPropertyOptional({ example: 'embedded', description: 'the database the read models live in' }) database?: string;
  @ApiPropertyOptional({ enum: ['sql', 'kurrentdb'] }) eventStore?: string;
  @ApiPropertyOptional({ description: 'KurrentDB: other applications’ events met and skipped' })
  foreignEventsSkipped?: number;
  @ApiPropertyOptional({ description: 'the last position of the log' }) headPosition?: string;
  @ApiPropertyOptional({ type: LeaseSchema, nullable: true }) lease?: LeaseSchema | null;
  @ApiPropertyOptional({ type: [String], description: 'what makes the status degraded' }) problems?: string[];
  @ApiPropertyOptional({ type: [ProjectionSchema] }) projections?: ProjectionSchema[];
}
