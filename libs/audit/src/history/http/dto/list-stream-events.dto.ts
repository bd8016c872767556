import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { POSITION } from './list-events.dto';

/** `GET /audit/streams/:streamId/events`: one stream in revision order. */
export class ListStreamEventsDto {
  @ApiPropertyOptional({
    description: 'inclusive starting revision (forwards default 0, backwards default the last)',
    example: '0',
  })
  @IsOptional()
  @IsString()
  @Matches(POSITION, { message: '$property must be a stream revision: a non-negative integer' })
  fromRevision?: string;

  @ApiPropertyOptional({ description: 'page size, 1 to 1000 (default 100)', example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 1 to 1000' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ enum: ['forwards', 'backwards'], default: 'forwards' })
  @IsOptional()
  @IsIn(['forwards', 'backwards'], { message: '$property must be forwards or backwards' })
  direction?: 'forwards' | 'backwards';
}
