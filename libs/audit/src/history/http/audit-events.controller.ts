import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDITOR_READ, Roles } from '@ledger/access';
import { cursorCodec, invalidField } from '@ledger/platform';
import { AuditEventPageSchema, StreamEventPageSchema } from '../../audit-views';
import { ListEventsQuery, ListStreamEventsQuery } from '../queries';

const AUDIT_EVENTS_LIST = 'audit-events';
const isPosition = (value: unknown): value is string => typeof value === 'string' && POSITION.test(value);
import { ListEventsDto, POSITION } from './dto/list-events.dto';
import { ListStreamEventsDto } from './dto/list-stream-events.dto';

const EVENT_FIELDS =
  'position, streamId, revision, id, type, schemaVersion, businessTime, recordedAt, actor, role, correlationId, ' +
  'causationId, idempotencyKey, hash, data';

/** The full history: the global log in order, and any one stream. Reads only. */
@ApiTags('audit: history')
@Roles(...AUDITOR_READ)
@Controller('audit')
export class AuditEventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @ApiOperation({ summary: 'The whole log in global order, a page at a time, filtered by type or stream' })
  @ApiOkResponse({
    type: AuditEventPageSchema,
    description:
      `{ items, nextCursor?, nextAfter, hasMore, headPosition }: events in global order, each with ${EVENT_FIELDS}. ` +
      'Pass nextCursor as `cursor` (or nextAfter as `after`) for the next page while there is one; a filtered ' +
      'page may be short.',
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  async list(@Query() query: ListEventsDto) {
    if (query.after !== undefined && query.cursor !== undefined)
      throw invalidField('after', 'use cursor or after, not both');
    const after =
      query.cursor !== undefined ? cursorCodec.decode(AUDIT_EVENTS_LIST, query.cursor, isPosition) : query.after;
    const page = await this.queries.execute(
      new ListEventsQuery({
        after: BigInt(after ?? '0'),
        limit: query.limit ?? 100,
        type: query.type,
        streamPrefix: query.streamPrefix,
      }),
    );
    return page.hasMore ? { ...page, nextCursor: cursorCodec.encode(AUDIT_EVENTS_LIST, page.nextAfter) } : page;
  }

  @Get('streams/:streamId/events')
  @ApiOperation({ summary: 'One stream in revision order, forwards or backwards' })
  @ApiOkResponse({
    type: StreamEventPageSchema,
    description: `{ streamId, items, nextFromRevision, lastRevision }: the stream in revision order, each event with ${EVENT_FIELDS}`,
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  @ApiNotFoundResponse({ description: 'the stream has no events' })
  stream(@Param('streamId') streamId: string, @Query() query: ListStreamEventsDto) {
    return this.queries.execute(
      new ListStreamEventsQuery(streamId, {
        fromRevision: query.fromRevision === undefined ? undefined : BigInt(query.fromRevision),
        limit: query.limit ?? 100,
        direction: query.direction ?? 'forwards',
      }),
    );
  }
}
