import { BadRequestException, HttpException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { DomainError } from '@ledger/event-sourcing';
import { EventStoreUnavailableError } from '@ledger/event-store';
import { LedgerExceptionFilter } from './domain-error.filter';

class WrongCurrency extends DomainError {
  readonly code = 'wrong-currency';
  readonly kind = 'rejected' as const;
  constructor(field: string) {
    super(`${field}: expected XOF, got EUR`, { field, expected: 'XOF', actual: 'EUR' });
  }
}

class FundInsufficient extends DomainError {
  readonly code = 'fund-insufficient';
  readonly kind = 'rejected' as const;
  constructor() {
    super('the fund has 1 available', { availableMinor: '1' });
  }
}

function answer(exception: unknown): {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
} {
  const sent = { status: 0, body: {} as Record<string, unknown>, headers: {} as Record<string, string> };
  const response = {
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ body: {} }) }),
  } as unknown as ArgumentsHost;
  new LedgerExceptionFilter().catch(exception, host);
  const { headers, ...rest } = sent;
  return Object.keys(headers).length > 0 ? sent : rest;
}

describe('LedgerExceptionFilter', () => {
  it('answers an unreachable event store with 503 and Retry-After, saying whether anything was recorded', () => {
    const lost = answer(new EventStoreUnavailableError('deadline exceeded'));
    expect(lost).toMatchObject({
      status: 503,
      headers: { 'Retry-After': '1' },
      body: { error: 'event-store-unavailable' },
    });
    expect(lost.body.message).toMatch(/may or may not have been recorded: retry it with the same Idempotency-Key/);
    const none = answer(new EventStoreUnavailableError('unavailable', false));
    expect(none.body.message).toMatch(/nothing was recorded/);
  });

  it('names the field of a domain error that concerns one, in the shape of validation errors', () => {
    expect(answer(new WrongCurrency('principal.currency'))).toEqual({
      status: 422,
      body: {
        statusCode: 422,
        error: 'wrong-currency',
        message: 'principal.currency: expected XOF, got EUR',
        details: { field: 'principal.currency', expected: 'XOF', actual: 'EUR' },
        fields: [{ field: 'principal.currency', reasons: ['principal.currency: expected XOF, got EUR'] }],
      },
    });
  });

  it('answers no fields for a domain error about no one field', () => {
    const { status, body } = answer(new FundInsufficient());
    expect(status).toBe(422);
    expect(body).not.toHaveProperty('fields');
    expect(body.details).toEqual({ availableMinor: '1' });
  });
});

describe('LedgerExceptionFilter on the framework’s own errors', () => {
  it('gives an unknown route, malformed JSON, 413 and 429 the ledger’s body, with a kebab-case code', () => {
    expect(answer(new NotFoundException('Cannot GET /nowhere'))).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'route-not-found',
        message: 'no route GET /nowhere: see the OpenAPI document at /docs',
      },
    });
    const syntax = Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400 });
    expect(answer(new BadRequestException(syntax.message, { cause: syntax })).body).toMatchObject({
      statusCode: 400,
      error: 'malformed-json',
    });
    const tooLarge = Object.assign(new Error('request entity too large'), {
      statusCode: 413,
      type: 'entity.too.large',
      limit: 102_400,
    });
    expect(answer(new HttpException(tooLarge.message, 413, { cause: tooLarge })).body).toEqual({
      statusCode: 413,
      error: 'payload-too-large',
      message: 'the request body is larger than the limit of 102400 bytes',
      details: { limitBytes: 102_400 },
    });
    expect(answer(new HttpException('ThrottlerException: Too Many Requests', 429)).body).toMatchObject({
      statusCode: 429,
      error: 'rate-limited',
    });
    expect(answer(new HttpException('Unsupported charset "X"', 415)).body).toEqual({
      statusCode: 415,
      error: 'unsupported-media-type',
      message: 'Unsupported charset "X"',
    });
  });

  it('keeps a body the ledger built itself', () => {
    const body = { statusCode: 400, error: 'idempotency-key-required', message: 'm', details: { field: 'F' } };
    expect(answer(new BadRequestException(body)).body).toBe(body);
  });
});
