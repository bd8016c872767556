import { Body, Controller, Delete, Get, Param, Post, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from '@ledger/platform';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../domain/principal';
import { ResourceAccess } from '../access.decorators';
import { AccessService } from '../access.service';
import { CurrentPrincipal } from '../request-principal';
import { CreateUserDto } from './dto/create-user.dto';

/** Users and their roles (admin only). A user acts through API keys (`/access/api-keys`). */
@ApiTags('access: users')
@ResourceAccess('access')
@Controller('access/users')
@UseInterceptors(IdempotencyInterceptor)
export class UsersController {
  constructor(private readonly access: AccessService) {}

  @Post()
  @ApiCreatedResponse({ description: 'the user; give it a key with POST /access/api-keys' })
  @ApiConflictResponse({ description: 'the user id is taken' })
  create(@Body() body: CreateUserDto, @CurrentPrincipal() principal: Principal) {
    return this.access.createUser(body, principal.userId);
  }

  @Get()
  list() {
    return this.access.users();
  }

  @Get(':userId')
  get(@Param('userId') userId: string) {
    return this.access.user(userId);
  }

  /** Disables the user and revokes every key it has; the user stays in the records. */
  @Delete(':userId')
  disable(@Param('userId') userId: string, @CurrentPrincipal() principal: Principal) {
    return this.access.disableUser(userId, principal.userId);
  }
}
