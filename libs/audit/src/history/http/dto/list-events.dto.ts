import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A global position or a stream revision: a non-negative integer, as a string. */
export const POSITION = /^(0|[1-9][0-9]{0,18})$/;
/** What the event store accepts as an event type. */
export const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9.]{0,127}$/;

/** `GET /audit/events`: the global log after a position, optionally filtered. */
export class ListEventsDto {
  @ApiPropertyOptional({ description: 'exclusive cursor: events strictly after this global position', example: '0' })
  @IsOptional()
  @IsString()
  @Matches(POSITION, { message: '$property must be a global position: a non-negative integer' })
  after?: string;

  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page (opaque); not with `after`' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be a nextCursor this API gave' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'page size, 1 to 1000 (default 100)', example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 1 to 1000' })
  @Min(1)
  @Max(1000)
  limit?: number;

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
