import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** GET /guarantee-companies: one page of the companies, by name. */
export class ListCompaniesQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, description: 'companies per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be a nextCursor this API gave' })
  cursor?: string;

  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    deprecated: true,
    description: 'deprecated (one release): use `cursor`. Companies to skip; not with `cursor`',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
