import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@ledger/event-sourcing';
import { DuplicateEventIdError, InvalidEventError, WrongExpectedRevisionError } from '@ledger/event-store';
import { MoneyError } from '@ledger/money';

const STATUS_BY_KIND = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rejected: HttpStatus.UNPROCESSABLE_ENTITY,
} as const;

/**
 * One mapping from errors to answers: domain refusals keep their code and figures (and, when
 * they concern one input field, name it in `fields` like a validation error does); money errors
 * are bad input; a concurrency race that outlived its retries is a conflict; anything else is a
 * 500 that is logged and says nothing about internals.
 */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (status >= 500) {
      const error = exception as Error;
      this.logger.error(`unhandled ${error?.name ?? 'error'}: ${error?.message}`, error?.stack);
    }
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
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
      return {
        status: HttpStatus.BAD_REQUEST,
        body: { statusCode: 400, error: exception.code, message: exception.message },
      };
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
      const status = exception.getStatus();
      const payload = exception.getResponse();
      return {
        status,
        body:
          typeof payload === 'string' ? { statusCode: status, message: payload } : (payload as Record<string, unknown>),
      };
    }
    return { status: 500, body: { statusCode: 500, error: 'internal-error', message: 'internal error' } };
  }
}
