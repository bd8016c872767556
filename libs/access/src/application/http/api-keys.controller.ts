import { Body, Controller, Delete, Get, Header, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IdempotencyInterceptor, PageDto, ShownOnce, pageOf } from '@ledger/platform';
import type { Principal } from '../../domain/principal';
import { ResourceAccess } from '../access.decorators';
import { AccessService } from '../access.service';
import { CurrentPrincipal } from '../request-principal';
import { ApiKeyViewDto } from './dto/access-views.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { IssuedApiKeyDto } from './dto/issued-api-key.dto';
import { ListApiKeysQueryDto } from './dto/list-api-keys.dto';

/** API keys (admin only): created with their secret shown once, listed without it, revoked. */
@ApiTags('access: API keys')
@ResourceAccess('access')
@Controller('access/api-keys')
@UseInterceptors(IdempotencyInterceptor)
export class ApiKeysController {
  constructor(private readonly access: AccessService) {}

  /**
   * Once per Idempotency-Key like every command; the answer holds the key, which is stored nowhere:
   * a replay answers the same key id and metadata with `apiKeyOmitted` in place of `apiKey`.
   */
  @Post()
  @ShownOnce('apiKey')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create an API key for a user: its secret is shown once' })
  @ApiCreatedResponse({
    type: IssuedApiKeyDto,
    description:
      '`apiKey` is shown here once and never again; only its hash is kept. The same request again with the same ' +
      'Idempotency-Key creates nothing more and answers the same key id and metadata, without `apiKey` and with ' +
      '`apiKeyOmitted` saying why (`Idempotent-Replayed: true`)',
  })
  @ApiBadRequestResponse({ description: '`idempotency-key-required`, `validation-failed`' })
  @ApiNotFoundResponse({ description: '`user-not-found`' })
  @ApiConflictResponse({
    description: '`user-disabled`; `idempotency-key-reused`: this key was used for another request',
  })
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.access.issueKey(body.userId, body.label ?? null, principal.userId);
  }

  @Get()
  @ApiOperation({ summary: 'List the API keys (never their secret), optionally of one user' })
  @ApiOkResponse({ type: PageDto(ApiKeyViewDto), description: '`{ items, total, nextCursor? }`' })
  @ApiBadRequestResponse({ description: '`validation-failed`: a limit out of 1..200; `invalid-cursor`' })
  async list(@Query() query: ListApiKeysQueryDto) {
    return pageOf('access-api-keys', await this.access.keys(query.userId), query);
  }

  /** Revokes the key at once (in this process; other processes within 5 seconds). */
  @Delete(':keyId')
  @ApiOperation({ summary: 'Revoke an API key at once' })
  @ApiOkResponse({ type: ApiKeyViewDto, description: 'the key, revoked (never its secret)' })
  @ApiBadRequestResponse({ description: '`idempotency-key-required`' })
  @ApiNotFoundResponse({ description: '`api-key-not-found`' })
  @ApiConflictResponse({
    description: '`last-active-admin`: the last active key of the last active admin; nothing is changed',
  })
  revoke(@Param('keyId') keyId: string, @CurrentPrincipal() principal: Principal) {
    return this.access.revokeKey(keyId, principal.userId);
  }
}
