import { STATUS_CODES } from 'node:http';
import type { HttpException } from '@nestjs/common';

/** A ledger error code: kebab-case (`validation-failed`, `not-found`), unlike Nest's "Not Found". */
const LEDGER_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The longest path an unknown-route answer repeats. */
const MAX_PATH_SHOWN = 200;

/**
 * The ledger's own body `{ statusCode, error, message, details? }` for an HttpException: one the
 * ledger threw already has it and is kept as it is; one from the framework is given it — an
 * unknown route (404 `route-not-found`), a body that is not JSON (400 `malformed-json`), a path
 * with a broken %-escape (400 `malformed-url`), a body over the limit (413 `payload-too-large`),
 * a client over its rate limit (429 `rate-limited`; the throttler has set Retry-After), and any
 * other (the status's name in kebab-case, e.g. 415 `unsupported-media-type`).
 */
export function httpExceptionAnswer(exception: HttpException): Record<string, unknown> {
  const statusCode = exception.getStatus();
  const payload = exception.getResponse();
  if (isLedgerAnswer(payload)) return payload;
  const cause = exception.cause as { type?: unknown; limit?: unknown } | undefined;
  const text = messageOf(payload);
  if (statusCode === 404 && /^Cannot [A-Z]+ /.test(text)) {
    const [, method, path] = /^Cannot ([A-Z]+) (.*)$/s.exec(text) ?? [];
    const shown = path && path.length > MAX_PATH_SHOWN ? `${path.slice(0, MAX_PATH_SHOWN)}…` : path;
    return {
      statusCode,
      error: 'route-not-found',
      message: `no route ${method} ${shown}: see the OpenAPI document at /docs`,
    };
  }
  if (statusCode === 400 && (cause instanceof SyntaxError || cause?.type === 'entity.parse.failed')) {
    return {
      statusCode,
      error: 'malformed-json',
      message: 'the request body is not valid JSON (send Content-Type: application/json with a JSON object)',
    };
  }
  if (statusCode === 400 && cause instanceof URIError) {
    return { statusCode, error: 'malformed-url', message: 'the request path has an invalid %-escape' };
  }
  if (statusCode === 413) {
    const limitBytes = typeof cause?.limit === 'number' ? cause.limit : undefined;
    return {
      statusCode,
      error: 'payload-too-large',
      message:
        limitBytes === undefined
          ? 'the request body is too large'
          : `the request body is larger than the limit of ${limitBytes} bytes`,
      ...(limitBytes === undefined ? {} : { details: { limitBytes } }),
    };
  }
  if (statusCode === 429) {
    return {
      statusCode,
      error: 'rate-limited',
      message: 'too many requests for this API key (or client address): retry after Retry-After seconds',
    };
  }
  const details =
    payload !== null && typeof payload === 'object' && 'details' in payload
      ? { details: (payload as { details: unknown }).details }
      : {};
  return {
    statusCode,
    error: kebab(STATUS_CODES[statusCode] ?? 'error'),
    message: text || STATUS_CODES[statusCode] || 'error',
    ...details,
  };
}

function isLedgerAnswer(payload: unknown): payload is Record<string, unknown> {
  if (payload === null || typeof payload !== 'object') return false;
  const { error } = payload as { error?: unknown };
  return typeof error === 'string' && LEDGER_CODE.test(error);
}

function messageOf(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (payload === null || typeof payload !== 'object') return '';
  const { message } = payload as { message?: unknown };
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : '';
}

function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
