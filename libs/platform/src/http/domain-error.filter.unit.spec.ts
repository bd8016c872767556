import type { ArgumentsHost } from '@nestjs/common';
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
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
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
