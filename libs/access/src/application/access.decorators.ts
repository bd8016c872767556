import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { ResourceFamily } from '../domain/policy';
import type { Role } from '../domain/roles';

export const ACCESS_PUBLIC = 'ledger:access:public';
export const ACCESS_FAMILY = 'ledger:access:family';
export const ACCESS_ROLES = 'ledger:access:roles';
export const ACCESS_BANK_SCOPE = 'ledger:access:bank-scope';

const documented = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'no API key, or an unknown or revoked one' }),
    ApiForbiddenResponse({ description: 'the role of the key may not do this' }),
    ApiTooManyRequestsResponse({ description: 'over RATE_LIMIT_PER_MINUTE for this key' }),
  );

/** No authentication (`/health`). */
export const Public = () => SetMetadata(ACCESS_PUBLIC, true);

/**
 * The route family of a controller (or route): who may read and who may write follows from
 * `ACCESS_POLICY` (see domain/policy.ts).
 */
export const ResourceAccess = (family: ResourceFamily) =>
  applyDecorators(SetMetadata(ACCESS_FAMILY, family), documented());

/**
 * Exactly these roles, whatever the method — for routes outside the families, e.g. audit routes:
 * `@Roles(...AUDITOR_READ)`. On a method it wins over its controller's.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ACCESS_ROLES, roles), documented());

/**
 * The route parameter naming a bank: a bank principal may use the route only with its own bank
 * id; any other id answers 404, as if nothing were there.
 */
export const BankScoped = (param = 'bankId') => SetMetadata(ACCESS_BANK_SCOPE, param);
