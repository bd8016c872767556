import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  LIST_LIMIT_DEFAULT,
  OffsetListQueryDto,
  OffsetPageDto,
  invalidField,
  offsetOf,
  pageFrom,
} from '@ledger/platform';
import type { Principal } from '../../domain/principal';
import { ANY_ROLE, type Role } from '../../domain/roles';
import { Roles } from '../access.decorators';
import { AccessService } from '../access.service';
import { CurrentPrincipal } from '../request-principal';
import { AccessChangeViewDto, DenialViewDto, PrincipalViewDto } from './dto/access-views.dto';

const ACCESS_RECORDS: Role[] = ['admin', 'auditor'];

/** What admins and auditors read about access itself, and who the caller is. */
@ApiTags('access: records')
@Controller('access')
export class AccessRecordsController {
  constructor(private readonly access: AccessService) {}

  @Get('me')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Who is calling: the user, role (and bank) of the key in use' })
  @ApiOkResponse({ type: PrincipalViewDto })
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('denials')
  @Roles(...ACCESS_RECORDS)
  @ApiOperation({ summary: 'Refused requests (401, 403, 404 outside a bank’s scope), newest first' })
  @ApiOkResponse({ type: OffsetPageDto(DenialViewDto) })
  @ApiBadRequestResponse({
    description: '`validation-failed`: a limit out of 1..200, or cursor with offset; `invalid-cursor`',
  })
  async denials(@Query() query: OffsetListQueryDto) {
    return recordsPage('access-denials', query, (limit, offset) => this.access.denials(limit, offset));
  }

  @Get('changes')
  @Roles(...ACCESS_RECORDS)
  @ApiOperation({ summary: 'Changes to access: users created or disabled, keys created or revoked, newest first' })
  @ApiOkResponse({ type: OffsetPageDto(AccessChangeViewDto) })
  @ApiBadRequestResponse({
    description: '`validation-failed`: a limit out of 1..200, or cursor with offset; `invalid-cursor`',
  })
  async changes(@Query() query: OffsetListQueryDto) {
    return recordsPage('access-changes', query, (limit, offset) => this.access.changes(limit, offset));
  }
}

/** A page of the access records: `{ items, total, nextCursor? }` (`limit`, `offset` too with the deprecated `?offset=`). */
async function recordsPage<T>(
  list: string,
  query: OffsetListQueryDto,
  read: (limit: number, offset: number) => Promise<{ items: T[]; total: number }>,
) {
  if (query.offset !== undefined && query.cursor !== undefined)
    throw invalidField('offset', 'use cursor or offset, not both');
  const limit = query.limit ?? LIST_LIMIT_DEFAULT;
  const offset = query.offset ?? offsetOf(list, query.cursor);
  const { items, total } = await read(limit, offset);
  const page = pageFrom(list, items, offset, total);
  return query.offset === undefined ? page : { ...page, limit, offset };
}
