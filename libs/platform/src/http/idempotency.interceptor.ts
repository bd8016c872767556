import {
  ConflictException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { LedgerRuntime } from '../ledger-runtime';
import { commandContextOf, requestHashOf } from './command-context.decorator';
import { NOT_IDEMPOTENT } from './request-actor';
import { pinnedStatusOf, pinStatus } from './pinned-status';

/**
 * For the few writes that are not ledger commands (users and API keys, kept in their own tables):
 * the ledger's commands record their key with their events instead (CommandPipeline).
 *
 * Commands sent with an `Idempotency-Key` take effect once. A repeat with the same request gets
 * the first answer again, marked `Idempotent-Replayed: true`; the same key with a different
 * request is refused with 409 and nothing is applied. Keys are scoped by the authenticated actor
 * (the access guard runs before interceptors), so two principals never collide on a key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly runtime: LedgerRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    if (request.method !== 'POST' || !request.header('idempotency-key')) return next.handle();
    if (Reflect.getMetadata(NOT_IDEMPOTENT, context.getHandler()) === true) return next.handle();
    const { actor, idempotencyKey } = commandContextOf(request);
    if (!idempotencyKey) return next.handle();
    const requestHash = requestHashOf(request);
    const store = this.runtime.idempotency;
    return from(
      (async () => {
        const claim = await store.claim(actor, idempotencyKey, requestHash);
        if (claim.outcome === 'replay') {
          pinStatus(response, claim.status);
          response.setHeader('Idempotent-Replayed', 'true');
          return claim.body;
        }
        if (claim.outcome === 'conflict') {
          throw new ConflictException({
            statusCode: 409,
            error: claim.reason === 'different-request' ? 'idempotency-key-reused' : 'idempotency-key-in-progress',
            message:
              claim.reason === 'different-request'
                ? 'this Idempotency-Key was already used for a different request'
                : 'a request with this Idempotency-Key is still in progress',
          });
        }
        try {
          const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
          await store.complete(
            actor,
            idempotencyKey,
            pinnedStatusOf(response) ?? successStatus(context, request),
            body,
          );
          return body;
        } catch (error) {
          await store.release(actor, idempotencyKey);
          throw error;
        }
      })(),
    );
  }
}

/** The status Nest will send: the handler's @HttpCode, else 201 for POST. */
function successStatus(context: ExecutionContext, request: Request): number {
  const declared: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
  return typeof declared === 'number' ? declared : request.method === 'POST' ? 201 : 200;
}
