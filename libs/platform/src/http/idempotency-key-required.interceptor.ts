import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** The methods that change something: each must carry an `Idempotency-Key`. */
export const COMMAND_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The 400 of a command sent without an `Idempotency-Key`. */
export function idempotencyKeyRequired(method: string): BadRequestException {
  const message = `every ${method} needs an Idempotency-Key header (1 to 128 letters, digits or . _ : -), e.g. a new UUID per command; resend the same key to retry it safely`;
  return new BadRequestException({
    statusCode: 400,
    error: 'idempotency-key-required',
    message,
    details: { field: 'Idempotency-Key' },
    fields: [{ field: 'Idempotency-Key', reasons: [message] }],
  });
}

/**
 * Every command (POST, PUT, PATCH, DELETE) must carry an `Idempotency-Key`, so that a retry after a
 * lost answer can never apply it twice: without one, 400 `idempotency-key-required` and nothing is
 * written. Queries (GET, HEAD) and the health routes are exempt. An interceptor, so that it runs
 * after the access guard (401, 403 and rate limits come first) and before validation and handlers.
 */
@Injectable()
export class IdempotencyKeyRequiredInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!COMMAND_METHODS.has(request.method) || isHealth(request.path)) return next.handle();
    const key = request.header('idempotency-key');
    if (key === undefined || key.trim().length === 0) throw idempotencyKeyRequired(request.method);
    return next.handle();
  }
}

function isHealth(path: string): boolean {
  return path === '/health' || path.startsWith('/health/');
}
