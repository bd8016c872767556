import { BadRequestException } from '@nestjs/common';
import { canonicalJson } from '@ledger/event-store';
import { MAX_JSON_DEPTH, checkCorrelationId, checkRequestInput, isInvalidText } from './request-input';
import { requestHashOf } from './command-context.decorator';

interface Input {
  body?: unknown;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
}

function request({ body = {}, params = {}, query = {}, headers = {} }: Input) {
  return {
    body,
    params,
    query,
    header: ((name: string) => headers[name.toLowerCase()]) as never,
    method: 'POST',
    originalUrl: '/x',
  };
}

/** The answer a request gets: undefined when it passes, else the 400's body. */
function refusal(input: Input): Record<string, unknown> | undefined {
  try {
    checkRequestInput(request(input));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as Record<string, unknown>;
  }
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('checkRequestInput', () => {
  it('lets an ordinary request through', () => {
    expect(
      refusal({
        body: { name: 'Coopérative Tifawin 🌾', memberFirms: [{ name: 'GIE Thiès', womenOwned: true }], n: 3 },
        params: { grantId: 'b1c2' },
        query: { asOf: '2021-06-30', status: ['a', 'b'] },
        headers: { 'x-correlation-id': 'client-42:batch/7@host.example' },
      }),
    ).toBeUndefined();
  });

  it.each([
    ['a NUL in a nested name', { body: { beneficiary: { name: 'Tifawin\u0000' } } }, 'beneficiary.name'],
    ['a lone high surrogate', { body: { name: 'a\uD800b' } }, 'name'],
    [
      'a lone low surrogate in an array',
      { body: { memberFirms: [{ name: 'ok' }, { name: '\uDC00' }] } },
      'memberFirms.1.name',
    ],
    ['a NUL in a key', { body: { 'na\u0000me': 'x' } }, '(a key)'],
    ['a NUL in a path id', { params: { grantId: 'g\u0000' } }, 'path:grantId'],
    ['a lone surrogate in a query parameter', { query: { asOf: '2021\uD83D' } }, 'query:asOf'],
    ['a NUL in a repeated query parameter', { query: { status: ['ok', '\u0000'] } }, 'query:status.1'],
    ['a NUL as the whole body', { body: 'x\u0000' }, '(body)'],
    ['a NUL in a nested query object', { query: { filter: { name: 'a\u0000' } } }, 'query:filter.name'],
  ])('refuses %s with 400 invalid-text naming it', (_, input, field) => {
    expect(refusal(input)).toMatchObject({ statusCode: 400, error: 'invalid-text', details: { field } });
  });

  it('accepts surrogate pairs (emoji) and other control-free text', () => {
    expect(isInvalidText('🌾 Thiès — ٣')).toBe(false);
    expect(isInvalidText('\uD83C\uDF3E')).toBe(false);
    expect(isInvalidText('\uDF3E\uD83C')).toBe(true);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key anywhere like an unknown field', (key) => {
    const body = JSON.parse(`{"schedule":{"years":[{"${key}":{"isAdmin":true}}]}}`) as unknown;
    expect(refusal({ body })).toMatchObject({
      statusCode: 400,
      error: 'validation-failed',
      details: { field: `schedule.years.0.${key}` },
      fields: [{ field: `schedule.years.0.${key}`, reasons: [`property ${key} should not exist`] }],
    });
    expect(refusal({ body: JSON.parse(`{"${key}":{}}`) as unknown })).toMatchObject({ details: { field: key } });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more with 400 json-too-deep`, () => {
    expect(refusal({ body: nested(MAX_JSON_DEPTH) })).toBeUndefined();
    expect(refusal({ body: nested(MAX_JSON_DEPTH + 1) })).toMatchObject({
      statusCode: 400,
      error: 'json-too-deep',
      details: { maxDepth: MAX_JSON_DEPTH },
    });
  });

  it('refuses a 50,000-deep body without exhausting the stack (canonical JSON of it does)', () => {
    const bomb = JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)) as unknown;
    expect(() => canonicalJson(bomb)).toThrow(RangeError);
    expect(refusal({ body: bomb })).toMatchObject({ error: 'json-too-deep' });
    // The idempotency hash checks the body before it walks it.
    expect(() => requestHashOf(request({ body: bomb }) as never)).toThrow(BadRequestException);
  });

  it.each([
    ['15,000 characters', 'c'.repeat(15_000)],
    ['129 characters', 'c'.repeat(129)],
    ['a space', 'a b'],
    ['a new line', 'a\nb'],
    ['a NUL', 'a\u0000'],
    ['non-ASCII', 'café'],
  ])('refuses an X-Correlation-Id with %s: 400 invalid-correlation-id', (_, value) => {
    expect(refusal({ headers: { 'x-correlation-id': value } })).toMatchObject({
      statusCode: 400,
      error: 'invalid-correlation-id',
      details: { field: 'X-Correlation-Id' },
    });
  });

  it('keeps a plain correlation id, and leaves an absent one for a new UUID', () => {
    expect(checkCorrelationId('c'.repeat(128))).toBe('c'.repeat(128));
    expect(checkCorrelationId('6c1f0b8e-1d2a-4b5c-9e7f-0a1b2c3d4e5f')).toBe('6c1f0b8e-1d2a-4b5c-9e7f-0a1b2c3d4e5f');
    expect(checkCorrelationId(undefined)).toBeUndefined();
    expect(checkCorrelationId('')).toBeUndefined();
  });
});
