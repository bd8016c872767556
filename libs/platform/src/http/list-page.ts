import { BadRequestException, type Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AsOfQueryDto } from './as-of-query.dto';

/** Every list: at most this many items a page, this many unless told. */
export const LIST_LIMIT_MAX = 200;
export const LIST_LIMIT_DEFAULT = 50;

/**
 * `?limit=` (1..200, default 50) and `?cursor=` (the `nextCursor` of the previous page): the query
 * of every list. A list with filters extends it.
 */
export class ListQueryDto {
  @ApiPropertyOptional({ default: LIST_LIMIT_DEFAULT, minimum: 1, maximum: LIST_LIMIT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIST_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be a nextCursor this API gave' })
  cursor?: string;
}

/**
 * A list that paged by `?offset=` before the list rule: `?offset=` still works, deprecated for one
 * release (not with `cursor`; those answers carry `limit` and `offset` too).
 */
export class OffsetListQueryDto extends ListQueryDto {
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

/** A list that can also be read as of a date: `?asOf=&knownAt=` with `?limit=&cursor=`. */
export class AsOfListQueryDto extends IntersectionType(AsOfQueryDto, ListQueryDto) {}

/** One page of a list: `{ items, total?, nextCursor? }`. */
export interface Page<T> {
  readonly items: T[];
  /** How many items match, when the list knows it cheaply. */
  readonly total?: number;
  /** Present when there may be more: pass it as `?cursor=` for the next page. */
  readonly nextCursor?: string;
}

/** 400 `invalid-cursor`: a cursor this API did not give (or gave for another list). */
export function invalidCursor(): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'invalid-cursor',
    message: 'cursor must be a nextCursor this API gave',
    details: { field: 'cursor' },
  });
}

/**
 * The cursor codec: a JSON value, base64url-encoded, tagged with the list it belongs to so a cursor
 * of one list is refused by another. Opaque to clients; `decode` answers 400 `invalid-cursor` for
 * anything it did not encode.
 */
export const cursorCodec = {
  encode(list: string, position: unknown): string {
    return Buffer.from(JSON.stringify([list, position]), 'utf8').toString('base64url');
  },
  decode<T>(list: string, cursor: string, isPosition: (value: unknown) => value is T): T {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    if (!Array.isArray(value) || value.length !== 2 || value[0] !== list || !isPosition(value[1]))
      throw invalidCursor();
    return value[1];
  },
};

const isOffset = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The offset a cursor of `list` points at (0 without a cursor). */
export function offsetOf(list: string, cursor: string | undefined): number {
  return cursor === undefined ? 0 : cursorCodec.decode(list, cursor, isOffset);
}

/** The page of `items` from `offset`, `limit` long, with `total` and the cursor of the next page. */
export function pageAt<T>(
  list: string,
  items: readonly T[],
  offset: number,
  limit: number,
  total = items.length,
): Page<T> {
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    total,
    ...(end < total ? { nextCursor: cursorCodec.encode(list, end) } : {}),
  };
}

/** A page the database already cut: `items` start at `offset` of `total` matching items. */
export function pageFrom<T>(list: string, items: T[], offset: number, total: number): Page<T> {
  const end = offset + items.length;
  return { items, total, ...(items.length > 0 && end < total ? { nextCursor: cursorCodec.encode(list, end) } : {}) };
}

/**
 * A list held whole in memory (a fund's donors, a company's members…), served a page at a time:
 * the cursor is the position in the list's fixed order.
 */
export function pageOf<T>(list: string, items: readonly T[], query: ListQueryDto): Page<T> {
  return pageAt(list, items, offsetOf(list, query.cursor), query.limit ?? LIST_LIMIT_DEFAULT);
}

/**
 * The OpenAPI schema of a page of `item`: `{ items: item[], total?, nextCursor? }` (one class per
 * item type, named `<Item>Page`).
 */
export function PageDto<T>(item: ClassType<T>): ClassType<Page<T>> {
  const cached = pageDtos.get(item);
  if (cached) return cached as ClassType<Page<T>>;
  class PageOfItem {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiPropertyOptional({ description: 'how many items match' }) total?: number;
    @ApiPropertyOptional({ description: 'present when there may be more: pass it as `?cursor=`' })
    nextCursor?: string;
  }
  Object.defineProperty(PageOfItem, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  pageDtos.set(item, PageOfItem);
  return PageOfItem;
}
const pageDtos = new Map<unknown, ClassType<unknown>>();

/** The OpenAPI schema of a page of a list that keeps the deprecated `?offset=` (see OffsetListQueryDto). */
export function OffsetPageDto<T>(item: ClassType<T>): ClassType<Page<T> & { limit?: number; offset?: number }> {
  const cached = offsetPageDtos.get(item);
  if (cached) return cached as ClassType<Page<T>>;
  class OffsetPageOfItem extends PageDto(item) {
    @ApiPropertyOptional({ deprecated: true, description: 'only with the deprecated `?offset=`' }) limit?: number;
    @ApiPropertyOptional({ deprecated: true, description: 'only with the deprecated `?offset=`' }) offset?: number;
  }
  Object.defineProperty(OffsetPageOfItem, 'name', { value: `${item.name.replace(/Dto$/, '')}OffsetPageDto` });
  offsetPageDtos.set(item, OffsetPageOfItem);
  return OffsetPageOfItem;
}
const offsetPageDtos = new Map<unknown, ClassType<unknown>>();
