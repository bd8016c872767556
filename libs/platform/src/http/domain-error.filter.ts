import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@ledger/event-sourcing';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '@ledger/event-store';
import { MoneyError } from '@ledger/money';
import { moneyErrorAnswer } from './money-error-answer';
import { httpExceptionAnswer } from './framework-error-answer';

const STATUS_BY_KIND = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rejected: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
} as const;

/**
 * One mapping from errors to answers: domain refusals keep their code and figures (and, when
 * they concern one input field, name it in `fields` like a validation error does); money errors
 * are bad input; a concurrency race that outlived its retries is a conflict; the framework's own
 * errors (unknown route, malformed JSON, 413, 429) get the same body (httpExceptionAnswer); anything
 * else is a 500 that is logged and says nothing about internals.
 */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception, host.switchToHttp().getRequest<{ body?: unknown }>()?.body);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) {
      const error = exception as Error;
      this.logger.warn(`unavailable: ${error?.message}`);
      response.setHeader('Retry-After', '1');
    } else if (status >= 500) {
      const error = exception as Error;
      this.logger.error(`unhandled ${error?.name ?? 'error'}: ${error?.message}`, error?.stack);
    }
    response.status(status).json(body);
  }

  private describe(exception: unknown, requestBody?: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      const { field } = exception.details;
      return {
        status,
        body: {
          statusCode: status,
          error: exception.code,
          message: exception.message,
          details: exception.details,
          ...(typeof field === 'string' ? { fields: [{ field, reasons: [exception.message] }] } : {}),
        },
      };
    }
    if (exception instanceof MoneyError) {
      return { status: HttpStatus.BAD_REQUEST, body: moneyErrorAnswer(exception, requestBody) };
    }
    if (exception instanceof WrongExpectedRevisionError || exception instanceof DuplicateEventIdError) {
      return {
        status: HttpStatus.CONFLICT,
        body: {
          statusCode: 409,
          error: 'concurrency-conflict',
          message: 'the ledger changed concurrently; retry the request',
        },
      };
    }
    if (exception instanceof InvalidEventError) {
      return {
        status: HttpStatus.BAD_REQUEST,
        body: { statusCode: 400, error: 'invalid-event', message: exception.message },
      };
    }
    if (exception instanceof HttpException) {
      return { status: exception.getStatus(), body: httpExceptionAnswer(exception) };
    }
    if (exception instanceof EventStoreUnavailableError) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: {
          statusCode: 503,
          error: 'event-store-unavailable',
          message:
            exception.written === false
              ? 'the event store could not be reached; nothing was recorded: retry the request'
              : 'the event store could not be reached; the command may or may not have been recorded: ' +
                'retry it with the same Idempotency-Key, which applies it at most once',
        },
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: {
          statusCode: 503,
          error: 'database-unavailable',
          message:
            'the connection to the database was lost or refused; the command may or may not have been recorded: ' +
            'retry it with the same Idempotency-Key, which applies it at most once',
        },
      };
    }
    return { status: 500, body: { statusCode: 500, error: 'internal-error', message: 'internal error' } };
  }
}

/** PostgreSQL's connection-exception (08…) and operator-intervention (57P0…) codes, and too-many-connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53300)$/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /Cannot use a pool after calling end on the pool/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
];

/** The database went away (a dropped connection, a server restart, a closed pool), as opposed to a bug. */
export function isDatabaseUnavailable(exception: unknown): boolean {
  for (let error = exception, depth = 0; error && typeof error === 'object' && depth < 3; depth++) {
    const { code, message, driverError } = error as { code?: unknown; message?: unknown; driverError?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    error = driverError ?? (error as { cause?: unknown }).cause;
  }
  return false;
}
