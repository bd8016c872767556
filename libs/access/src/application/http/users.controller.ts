import { Body, Controller, Delete, Get, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor, ListQueryDto, PageDto, pageOf } from '@ledger/platform';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '../../domain/principal';
import { ResourceAccess } from '../access.decorators';
import { AccessService } from '../access.service';
import { CurrentPrincipal } from '../request-principal';
import { UserViewDto } from './dto/access-views.dto';
import { CreateUserDto } from './dto/create-user.dto';

/** Users and their roles (admin only). A user acts through API keys (`/access/api-keys`). */
@ApiTags('access: users')
@ResourceAccess('access')
@Controller('access/users')
@UseInterceptors(IdempotencyInterceptor)
export class UsersController {
  constructor(private readonly access: AccessService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user with its role (and bank, for a bank user)' })
  @ApiCreatedResponse({ type: UserViewDto, description: 'the user; give it a key with POST /access/api-keys' })
  @ApiBadRequestResponse({
    description: '`validation-failed` (e.g. a reserved system actor name as `userId`), `idempotency-key-required`',
  })
  @ApiConflictResponse({ description: '`user-exists`: the user id is taken; `idempotency-key-reused`' })
  create(@Body() body: CreateUserDto, @CurrentPrincipal() principal: Principal) {
    return this.access.createUser(body, principal.userId);
  }

  @Get()
  @ApiOperation({ summary: 'List the users, a page at a time' })
  @ApiOkResponse({
    type: PageDto(UserViewDto),
    description: '`{ items, total, nextCursor? }`: every user, its role, bank and state',
  })
  @ApiBadRequestResponse({ description: '`validation-failed`: a limit out of 1..200; `invalid-cursor`' })
  async list(@Query() query: ListQueryDto) {
    return pageOf('access-users', await this.access.users(), query);
  }

  @Get(':userId')
  @ApiOperation({ summary: 'One user, its role, bank and state' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiNotFoundResponse({ description: '`user-not-found`' })
  get(@Param('userId') userId: string) {
    return this.access.user(userId);
  }

  /** Disables the user and revokes every key it has; the user stays in the records. */
  @Delete(':userId')
  @ApiOperation({ summary: 'Disable a user and revoke every key it has (it stays in the records)' })
  @ApiOkResponse({ type: UserViewDto, description: 'the user, disabled' })
  @ApiBadRequestResponse({ description: '`idempotency-key-required`' })
  @ApiNotFoundResponse({ description: '`user-not-found`' })
  @ApiConflictResponse({
    description: '`last-active-admin`: the user is the last admin with an active key; nothing is changed',
  })
  disable(@Param('userId') userId: string, @CurrentPrincipal() principal: Principal) {
    return this.access.disableUser(userId, principal.userId);
  }
}
