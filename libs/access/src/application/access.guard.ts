import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { presentedApiKey } from '../domain/api-key';
import { decideAccess, type ResourceFamily, type RouteAccess } from '../domain/policy';
import type { Role } from '../domain/roles';
import { ACCESS_BANK_SCOPE, ACCESS_FAMILY, ACCESS_PUBLIC, ACCESS_ROLES } from './access.decorators';
import { AccessService } from './access.service';
import { DenialLog } from './denial-log';
import { LedgerThrottlerGuard } from './ledger-throttler.guard';
import { attachPrincipal } from './request-principal';

/**
 * The one global guard, in this order: authenticate the key (if any) → rate-limit (per key, else
 * per IP) → refuse the unauthenticated (401) → apply the route's policy (403, or 404 for a bank
 * outside its scope). Guards run before interceptors and pipes, so a refused request reaches
 * neither the idempotency store nor validation, and writes nothing but its denial record.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
    private readonly throttler: LedgerThrottlerGuard,
    private readonly denials: DenialLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const route = this.routeAccess(context);

    const presented = presentedApiKey(request.headers);
    const principal = presented === undefined ? null : await this.access.authenticate(presented);
    if (principal) attachPrincipal(request, principal);

    await this.throttler.canActivate(context);
    if (route.public) return true;

    if (!principal) {
      const reason = presented === undefined ? 'no API key' : 'unknown or revoked API key';
      await this.denials.record(request, 401, reason, null);
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'unauthenticated',
        message: 'send an API key: Authorization: Bearer <key>',
      });
    }

    const decision = decideAccess(principal, route, {
      method: request.method,
      params: request.params as Record<string, string | undefined>,
    });
    if (decision.allowed) return true;
    await this.denials.record(request, decision.status, decision.reason, principal);
    if (decision.status === 404) {
      // The same answer as for a bank id nobody uses: nothing tells another bank's data exists.
      throw new NotFoundException({ statusCode: 404, error: 'not-found', message: 'not found' });
    }
    throw new ForbiddenException({
      statusCode: 403,
      error: 'forbidden',
      message: `the role ${principal.role} may not do this`,
    });
  }

  private routeAccess(context: ExecutionContext): RouteAccess {
    const targets = [context.getHandler(), context.getClass()];
    return {
      public: this.reflector.getAllAndOverride<boolean | undefined>(ACCESS_PUBLIC, targets) === true,
      family: this.reflector.getAllAndOverride<ResourceFamily | undefined>(ACCESS_FAMILY, targets),
      roles: this.reflector.getAllAndOverride<Role[] | undefined>(ACCESS_ROLES, targets),
      bankScope: this.reflector.getAllAndOverride<string | undefined>(ACCESS_BANK_SCOPE, targets),
    };
  }
}
