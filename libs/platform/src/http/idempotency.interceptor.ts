import {
  ConflictException,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { LedgerRuntime } from '../ledger-runtime';
import { commandContextOf, requestHashOf } from './command-context.decorator';
import { COMMAND_METHODS, idempotencyKeyRequired } from './idempotency-key-required.interceptor';
import { pinnedStatusOf, pinStatus } from './pinned-status';

const SHOWN_ONCE = 'ledger:shown-once';

/**
 * Marks a command whose answer holds a secret shown once (a new API key): the first answer has it;
 * the answer kept for replays has it removed and says so in `<field>Omitted`, so the secret is
 * stored nowhere in clear, and a repeat of the request still creates nothing more.
 */
export const ShownOnce = (field: string) => SetMetadata(SHOWN_ONCE, field);

/**
 * For the few writes that are not ledger commands (users and API keys, kept in their own tables):
 * the ledger's commands record their key with their events instead (CommandPipeline).
 *
 * Every command (POST, PUT, PATCH, DELETE) carries an `Idempotency-Key` (IdempotencyKeyRequiredInterceptor)
 * and takes effect once. A repeat with the same request gets the first answer again, byte for byte
 * (its status too), marked `Idempotent-Replayed: true`; the same key with a different request is
 * refused with 409 and nothing is applied. Keys are scoped by the authenticated actor (the access
 * guard runs before interceptors), so two principals never collide on a key. A refused command
 * (an exception) frees its key. See ShownOnce for answers that hold a secret.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly runtime: LedgerRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    if (!COMMAND_METHODS.has(request.method)) return next.handle();
    const { actor, idempotencyKey } = commandContextOf(request);
    if (!idempotencyKey) throw idempotencyKeyRequired(request.method);
    const shownOnce: unknown = Reflect.getMetadata(SHOWN_ONCE, context.getHandler());
    const requestHash = requestHashOf(request);
    const store = this.runtime.idempotency;
    return from(
      (async () => {
        const claim = await store.claim(actor, idempotencyKey, requestHash);
        if (claim.outcome === 'replay') {
          pinStatus(response, claim.status);
          response.setHeader('Idempotent-Replayed', 'true');
          // Kept as its JSON text (a jsonb string), so that the replay has the first answer's key order.
          return typeof claim.body === 'string' ? (JSON.parse(claim.body) as unknown) : claim.body;
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
            JSON.stringify(typeof shownOnce === 'string' ? withoutSecret(body, shownOnce) : (body ?? null)),
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

/** The answer kept for replays of a ShownOnce command: the secret removed, and a note saying why. */
function withoutSecret(body: unknown, field: string): unknown {
  if (body === null || typeof body !== 'object' || !(field in body)) return body ?? null;
  const { [field]: _secret, ...rest } = body as Record<string, unknown>;
  return {
    ...rest,
    [`${field}Omitted`]:
      `${field} is shown only in the first answer to this Idempotency-Key and is stored nowhere; ` +
      'if it was lost, revoke this one and create another',
  };
}
