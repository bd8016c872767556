import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EVENT_TYPE, POSITION } from '../../../history/http/dto/list-events.dto';
import type { CsvDialect } from '../../csv';
import { IsCsvDialect } from './csv-dialect';

/** `GET /audit/exports/events.(csv|ndjson)`: a stretch of the log, optionally filtered. */
export class ExportEventsDto {
  @ApiPropertyOptional({ description: 'exclusive: events strictly after this global position', example: '0' })
  @IsOptional()
  @IsString()
  @Matches(POSITION, { message: '$property must be a global position: a non-negative integer' })
  after?: string;

  @ApiPropertyOptional({ description: 'inclusive: up to this global position (default: the head at the start)' })
  @IsOptional()
  @IsString()
  @Matches(POSITION, { message: '$property must be a global position: a non-negative integer' })
  upTo?: string;

  @ApiPropertyOptional({ description: 'only events of this exact type', example: 'cofinancing.GrantApproved' })
  @IsOptional()
  @IsString()
  @Matches(EVENT_TYPE, { message: '$property must be an event type like cofinancing.GrantApproved' })
  type?: string;

  @ApiPropertyOptional({ description: 'only streams whose id starts with this', example: 'cofinancing-grant-' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  streamPrefix?: string;
}

/** `GET /audit/exports/events.csv`: as the NDJSON export, plus the CSV dialect. */
export class ExportEventsCsvDto extends ExportEventsDto {
  @IsCsvDialect()
  dialect?: CsvDialect;
}
