import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { principalOf } from './request-principal';

/**
 * @nestjs/throttler, counted per API key once a request is authenticated and per client IP
 * before (so that guessing keys is limited too). The counters live in this process's memory.
 * Run by the access guard, between authentication and authorization — not as a guard of its own.
 */
@Injectable()
export class LedgerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = principalOf(request);
    return principal ? `key:${principal.keyId}` : `ip:${String(request.ip ?? 'unknown')}`;
  }
}
