import type { ArgumentsHost } from '@nestjs/common';
import { DomainError } from '@ledger/event-sourcing';
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

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
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
  return sent;
}

describe('LedgerExceptionFilter', () => {
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
