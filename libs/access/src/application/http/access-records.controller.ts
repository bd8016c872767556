import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../domain/principal';
import { ANY_ROLE, type Role } from '../../domain/roles';
import { Roles } from '../access.decorators';
import { AccessService } from '../access.service';
import { CurrentPrincipal } from '../request-principal';
import { PageQueryDto } from './dto/page.dto';

const ACCESS_RECORDS: Role[] = ['admin', 'auditor'];

/** What admins and auditors read about access itself, and who the caller is. */
@ApiTags('access: records')
@Controller('access')
export class AccessRecordsController {
  constructor(private readonly access: AccessService) {}

  @Get('me')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ description: 'the user, role (and bank) of the key in use' })
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('denials')
  @Roles(...ACCESS_RECORDS)
  @ApiOkResponse({ description: 'refused requests (401, 403, 404 outside a bank’s scope), newest first' })
  denials(@Query() query: PageQueryDto) {
    return this.access.denials(query.limit ?? 100, query.offset ?? 0);
  }

  @Get('changes')
  @Roles(...ACCESS_RECORDS)
  @ApiOkResponse({ description: 'users created or disabled, keys created or revoked, newest first' })
  changes(@Query() query: PageQueryDto) {
    return this.access.changes(query.limit ?? 100, query.offset ?? 0);
  }
}
