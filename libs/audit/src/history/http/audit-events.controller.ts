import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AUDITOR_READ, Roles } from '@ledger/access';
import { ListEventsQuery, ListStreamEventsQuery } from '../queries';
import { ListEventsDto } from './dto/list-events.dto';
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
  @ApiOkResponse({
    description:
      `{ items, nextAfter, hasMore, headPosition }: events in global order, each with ${EVENT_FIELDS}. ` +
      'Pass nextAfter as `after` for the next page while hasMore is true; a filtered page may be short.',
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  list(@Query() query: ListEventsDto) {
    return this.queries.execute(
      new ListEventsQuery({
        after: BigInt(query.after ?? '0'),
        limit: query.limit ?? 100,
        type: query.type,
        streamPrefix: query.streamPrefix,
      }),
    );
  }

  @Get('streams/:streamId/events')
  @ApiOkResponse({
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
