import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Param,
  Post,
  Query,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IdempotencyInterceptor, NOT_IDEMPOTENT } from '@ledger/platform';
import type { Principal } from '../../domain/principal';
import { ResourceAccess } from '../access.decorators';
import { AccessService } from '../access.service';
import { CurrentPrincipal } from '../request-principal';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { ListApiKeysQueryDto } from './dto/list-api-keys.dto';

/** API keys (admin only): created with their secret shown once, listed without it, revoked. */
@ApiTags('access: API keys')
@ResourceAccess('access')
@Controller('access/api-keys')
@UseInterceptors(IdempotencyInterceptor)
export class ApiKeysController {
  constructor(private readonly access: AccessService) {}

  /** Not replayed under an Idempotency-Key: the answer holds the key, which is stored nowhere. */
  @Post()
  @SetMetadata(NOT_IDEMPOTENT, true)
  @Header('Cache-Control', 'no-store')
  @ApiCreatedResponse({ description: '`apiKey` is shown here once and never again; only its hash is kept' })
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.access.issueKey(body.userId, body.label ?? null, principal.userId);
  }

  @Get()
  list(@Query() query: ListApiKeysQueryDto) {
    return this.access.keys(query.userId);
  }

  /** Revokes the key at once (in this process; other processes within 5 seconds). */
  @Delete(':keyId')
  revoke(@Param('keyId') keyId: string, @CurrentPrincipal() principal: Principal) {
    return this.access.revokeKey(keyId, principal.userId);
  }
}
