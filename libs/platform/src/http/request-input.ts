import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** How deep a request body may nest objects and arrays (the deepest DTO needs 4). */
export const MAX_JSON_DEPTH = 32;

/** Keys that would reach an object's prototype machinery: refused like any other unknown field. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A UTF-16 surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `X-Correlation-Id`: recorded with every event, so short and plain. */
const CORRELATION_ID = /^[A-Za-z0-9._:@/-]{1,128}$/;

/** Whether a string holds a NUL or a lone surrogate: text PostgreSQL cannot store and no client means. */
export function isInvalidText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/** What the checks read of a request (an express Request has it). */
export interface RequestInput {
  readonly body?: unknown;
  readonly params?: Record<string, unknown>;
  readonly query?: unknown;
  header(name: string): string | undefined;
}

/**
 * The checks every request passes before anything reads its input (the idempotency hash, the
 * command context, class-transformer, class-validator), in one walk that uses no recursion, so
 * that no input can exhaust the stack:
 * - a body nested deeper than MAX_JSON_DEPTH: 400 `json-too-deep`;
 * - a NUL or a lone surrogate in any string or key of the body, in a path parameter or in a
 *   query parameter: 400 `invalid-text`, naming it (`beneficiary.name`, `path:grantId`, `query:asOf`);
 * - a `__proto__`, `constructor` or `prototype` key anywhere in the body: 400 `validation-failed`,
 *   like any other unknown field;
 * - an `X-Correlation-Id` that is not 1 to 128 of `A-Z a-z 0-9 . _ : @ / -`: 400 `invalid-correlation-id`.
 */
export function checkRequestInput(request: RequestInput): void {
  checkCorrelationId(request.header('x-correlation-id'));
  for (const [name, value] of Object.entries(request.params ?? {})) checkFlat(`path:${name}`, value);
  for (const [name, value] of Object.entries(request.query ?? {}) as [string, unknown][])
    checkFlat(`query:${name}`, value);
  checkRequestBody(request.body);
}

/** The correlation id a command records: the client's, once checked, or undefined for a new one. */
export function checkCorrelationId(value: string | undefined): string | undefined {
  if (value === undefined || value.length === 0) return undefined;
  if (!CORRELATION_ID.test(value)) {
    const reason = 'must be 1 to 128 letters, digits or . _ : @ / -';
    throw new BadRequestException({
      statusCode: 400,
      error: 'invalid-correlation-id',
      message: `X-Correlation-Id ${reason} (it is recorded with every event); got ${value.length} characters`,
      details: { field: 'X-Correlation-Id', maxLength: 128 },
      fields: [{ field: 'X-Correlation-Id', reasons: [reason] }],
    });
  }
  return value;
}

/** A path or query parameter: a string, or (a repeated query parameter) a list of strings. */
function checkFlat(field: string, value: unknown): void {
  if (typeof value === 'string') {
    if (isInvalidText(value)) throw invalidText(field);
  } else if (value !== null && typeof value === 'object') walk(value, field);
}

/** The body's part of checkRequestInput (depth, text, forbidden keys); also run before hashing a body. */
export function checkRequestBody(body: unknown): void {
  if (typeof body === 'string' && isInvalidText(body)) throw invalidText('(body)');
  if (body !== null && typeof body === 'object') walk(body, '');
}

/** Every key and string under `root` (named `root` in errors, '' for the body), with a stack of its own. */
function walk(root: object, rootPath: string): void {
  const pending: { value: object; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    if (depth > MAX_JSON_DEPTH) throw jsonTooDeep(path);
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : ownEntries(value);
    for (const [key, child] of entries) {
      const field = path ? `${path}.${key}` : key;
      if (!Array.isArray(value)) {
        if (isInvalidText(key)) throw invalidText(path ? `${path}.(a key)` : '(a key)');
        if (FORBIDDEN_KEYS.has(key))
          throw new BadRequestException({
            statusCode: 400,
            error: 'validation-failed',
            message: 'the request is invalid',
            details: { field },
            fields: [{ field, reasons: [`property ${key} should not exist`] }],
          });
      }
      if (typeof child === 'string') {
        if (isInvalidText(child)) throw invalidText(field);
      } else if (child !== null && typeof child === 'object') {
        pending.push({ value: child as object, path: field, depth: depth + 1 });
      }
    }
  }
}

/** Own keys, `__proto__` included: JSON.parse makes it an own property (which class-transformer would ignore). */
function ownEntries(value: object): (readonly [string, unknown])[] {
  return Object.getOwnPropertyNames(value).map((key) => [key, (value as Record<string, unknown>)[key]] as const);
}

function invalidText(field: string): BadRequestException {
  const reason = 'must not contain a NUL character (U+0000) or a lone UTF-16 surrogate';
  return new BadRequestException({
    statusCode: 400,
    error: 'invalid-text',
    message: `${field} ${reason}`,
    details: { field },
    fields: [{ field, reasons: [reason] }],
  });
}

function jsonTooDeep(path: string): BadRequestException {
  const message = `the request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`;
  return new BadRequestException({
    statusCode: 400,
    error: 'json-too-deep',
    message,
    details: { field: path || '(body)', maxDepth: MAX_JSON_DEPTH },
    fields: [{ field: path || '(body)', reasons: [message] }],
  });
}

/**
 * Runs checkRequestInput on every request. A global interceptor: after the access guard and the
 * rate limits (401, 403 and 429 come first), before the other interceptors, parameter decorators
 * and pipes, so nothing recurses into an unchecked body.
 */
@Injectable()
export class RequestInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') checkRequestInput(context.switchToHttp().getRequest<Request>());
    return next.handle();
  }
}
