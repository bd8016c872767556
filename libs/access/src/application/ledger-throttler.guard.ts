import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ACCESS_PUBLIC } from './access.decorators';
import { principalOf } from './request-principal';

/**
 * @nestjs/throttler, counted per API key once a request is authenticated and per client address
 * before (so that guessing keys is limited too). The counters live in this process's memory.
 * Run by the access guard, between authentication and authorization — not as a guard of its own.
 *
 * The public routes (`/health*`) are not counted at all: a load balancer's or orchestrator's probe
 * must never get 429 because anonymous traffic from the same address (often the proxy's) is
 * throttled, and a flood of key-less requests must not be able to make health fail. The client
 * address is express's `request.ip`, which follows `X-Forwarded-For` only from the proxies that
 * `TRUST_PROXY` names.
 */
@Injectable()
export class LedgerThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(ACCESS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = principalOf(request);
    return principal ? `key:${principal.keyId}` : `ip:${String(request.ip ?? 'unknown')}`;
  }
}
