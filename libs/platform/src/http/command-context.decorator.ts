import { createHash, randomUUID } from 'node:crypto';
import {
  BadRequestException,
  createParamDecorator,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import type { CommandContext } from '@ledger/event-sourcing';
import { canonicalJson } from '@ledger/event-store';
import { requestActorOf } from './request-actor';
import { checkCorrelationId, checkRequestBody } from './request-input';

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Who issues the command, taken from the request: the actor and role of the authenticated
 * principal (set by the access guard, never from a header the client chooses), a correlation id
 * (`X-Correlation-Id` or a new one) and the `Idempotency-Key`.
 */
export const CommandCtx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<Request>();
  return commandContextOf(request);
});

export function commandContextOf(request: Request): CommandContext {
  const header = (name: string) => {
    const value = request.header(name);
    return value && value.length > 0 ? value : undefined;
  };
  const idempotencyKey = header('idempotency-key');
  if (idempotencyKey !== undefined && !KEY.test(idempotencyKey)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'validation-failed',
      message: 'the request is invalid',
      fields: [{ field: 'Idempotency-Key', reasons: ['must be 1 to 128 letters, digits or . _ : -'] }],
    });
  }
  const principal = requestActorOf(request);
  // The access guard refuses unauthenticated requests before any handler runs; this is a backstop.
  if (!principal) throw new UnauthorizedException({ statusCode: 401, error: 'unauthenticated', message: 'no API key' });
  return {
    actor: principal.actor,
    role: principal.role,
    correlationId: checkCorrelationId(header('x-correlation-id')) ?? randomUUID(),
    causationId: null,
    idempotencyKey: idempotencyKey ?? null,
    requestHash: idempotencyKey ? requestHashOf(request) : null,
  };
}

/** What a key is bound to: method, path and body (key order does not change a request's identity). */
export function requestHashOf(request: Request): string {
  // canonicalJson recurses: a body is checked (depth, text) before it is hashed.
  checkRequestBody(request.body);
  return createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
}
