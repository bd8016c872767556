import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { ListQueryDto } from '@ledger/platform';

/** `?limit=` (1..200, default 50) and `?cursor=`; `?offset=` deprecated, for one release. */
export class PageQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    deprecated: true,
    description: 'deprecated (one release): use `cursor`. Skips that many; not with `cursor`',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
