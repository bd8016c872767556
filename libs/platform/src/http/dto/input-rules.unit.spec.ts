import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsString, validate } from 'class-validator';
import { AsOfQueryDto } from '../as-of-query.dto';
import { ledgerValidationPipe } from '../validation';
import { IsBusinessDate } from './business-date.decorator';
import type { BusinessDateRules } from './business-date-window';
import { IsMeaningfulText, isMeaningfulText } from './meaningful-text.decorator';

class Named {
  @IsString()
  @IsMeaningfulText()
  name!: string;
}

class Dated {
  @IsBusinessDate('when it happened')
  on!: string;

  @IsBusinessDate('a term of the contract', { optional: true, term: true })
  until?: string;
}

/** Today is 2026-12-04 by the ledger's clock, whatever the machine's. */
const rules: BusinessDateRules = {
  earliest: '1900-01-01',
  maxDaysAhead: 1,
  now: () => new Date('2026-12-04T22:30:00Z'),
};

/** The 400's body the pipe answers for `plain` as a `type` body (or query), undefined if it passes. */
async function refusal(
  type: new () => object,
  plain: object,
  pipeRules: BusinessDateRules | undefined = rules,
  kind: 'body' | 'query' = 'body',
): Promise<Record<string, unknown> | undefined> {
  try {
    await ledgerValidationPipe(pipeRules).transform(plain, { type: kind, metatype: type });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as Record<string, unknown>;
  }
}

describe('IsMeaningfulText', () => {
  it.each(['Coopérative Tifawin', ' SCM Thiès ', 'ا', '🌾', 'x\u200By', 'O\u2019Neil'])('accepts %j', async (name) => {
    expect(isMeaningfulText(name)).toBe(true);
    expect(await validate(plainToInstance(Named, { name }))).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['spaces', '   \t '],
    ['no-break and ideographic spaces', '\u00A0\u3000'],
    ['zero-width spaces and joiners', '\u200B\u200C\u200D'],
    ['bidi marks and overrides', '\u200E\u200F\u202A\u202B\u202C\u202D\u202E'],
    ['bidi isolates', '\u2066\u2067\u2068\u2069'],
    ['word joiners and invisible operators', '\u2060\u2061\u2062\u2063\u2064'],
    ['a byte-order mark and a soft hyphen', '\uFEFF\u00AD'],
    ['an RTL override around spaces', '\u202E  \u202C'],
    ['Hangul fillers', '\u3164\u115F'],
    ['controls', '\u0001\u007F\u0085'],
  ])('refuses %s, naming the field', async (_, name) => {
    expect(isMeaningfulText(name)).toBe(false);
    expect(await refusal(Named, { name })).toMatchObject({
      error: 'validation-failed',
      fields: [
        {
          field: 'name',
          reasons: ['name must contain visible characters (not only spaces, zero-width or bidi-control characters)'],
        },
      ],
    });
  });

  it('leaves a non-string to IsString', async () => {
    const errors = await validate(plainToInstance(Named, { name: 5 }));
    expect(Object.keys(errors[0].constraints ?? {})).toEqual(['isString']);
  });
});

describe('business dates in the window', () => {
  it('accepts the earliest day, today and up to LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD days after today', async () => {
    for (const on of ['1900-01-01', '2021-06-01', '2026-12-04', '2026-12-05'])
      expect(await refusal(Dated, { on })).toBeUndefined();
  });

  it.each([
    ['year 0000', '0000-01-01', 'on must be from 1900-01-01 to 2026-12-05'],
    ['the day before the earliest', '1899-12-31', 'on must be from 1900-01-01 to 2026-12-05'],
    ['two days after today', '2026-12-06', 'on must be from 1900-01-01 to 2026-12-05'],
    ['year 9999', '9999-12-31', 'on must be from 1900-01-01 to 2026-12-05'],
  ])('refuses %s with 400 business-date-out-of-range naming the field and the window', async (_, on, reason) => {
    const answer = await refusal(Dated, { on });
    expect(answer).toMatchObject({
      statusCode: 400,
      error: 'business-date-out-of-range',
      details: { field: 'on', earliest: '1900-01-01', latest: '2026-12-05' },
      fields: [{ field: 'on', reasons: [expect.stringContaining(reason)] }],
    });
    expect(answer?.message).toMatch(/LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD \(1\) days after today/);
  });

  it('lets a term of a contract lie in the future, up to 2200-12-31, never before the earliest day', async () => {
    expect(await refusal(Dated, { on: '2021-01-01', until: '2040-12-31' })).toBeUndefined();
    expect(await refusal(Dated, { on: '2021-01-01', until: '2200-12-31' })).toBeUndefined();
    for (const until of ['2201-01-01', '9999-12-31', '0000-01-01'])
      expect(await refusal(Dated, { on: '2021-01-01', until })).toMatchObject({
        error: 'business-date-out-of-range',
        details: { field: 'until', earliest: '1900-01-01', latest: '2200-12-31' },
      });
  });

  it('follows the configured settings and the clock it is given', async () => {
    const strict = { earliest: '2000-01-01', maxDaysAhead: 0, now: () => new Date('2021-06-30T12:00:00Z') };
    expect(await refusal(Dated, { on: '2021-06-30' }, strict)).toBeUndefined();
    expect(await refusal(Dated, { on: '2021-07-01' }, strict)).toMatchObject({
      details: { field: 'on', earliest: '2000-01-01', latest: '2021-06-30' },
    });
    expect(await refusal(Dated, { on: '1999-12-31' }, strict)).toMatchObject({ error: 'business-date-out-of-range' });
  });

  it('reports a date out of the window among other problems as validation-failed, naming each', async () => {
    const answer = await refusal(Dated, { on: '0000-01-01', until: '2021-02-30' });
    expect(answer).toMatchObject({ error: 'validation-failed' });
    expect((answer?.fields as { field: string }[]).map(({ field }) => field).sort()).toEqual(['on', 'until']);
  });

  it('applies the window to ?asOf and to the day of ?knownAt', async () => {
    expect(await refusal(AsOfQueryDto, { asOf: '2021-06-30', knownAt: '2026-12-04T10:00:00Z' }, rules, 'query')).toBe(
      undefined,
    );
    expect(await refusal(AsOfQueryDto, { asOf: '0000-01-01' }, rules, 'query')).toMatchObject({
      error: 'business-date-out-of-range',
      details: { field: 'asOf' },
    });
    expect(await refusal(AsOfQueryDto, { asOf: '9999-12-31' }, rules, 'query')).toMatchObject({
      error: 'business-date-out-of-range',
    });
    for (const knownAt of ['1899-12-31T23:59:59Z', '2026-12-06T00:00:00Z', '9999-12-31T23:59:59Z'])
      expect(await refusal(AsOfQueryDto, { knownAt }, rules, 'query')).toMatchObject({
        error: 'business-date-out-of-range',
        details: { field: 'knownAt' },
      });
    // Year 0 is no instant at all for the ISO check.
    expect(await refusal(AsOfQueryDto, { knownAt: '0000-01-01T00:00:00Z' }, rules, 'query')).toMatchObject({
      statusCode: 400,
      error: 'validation-failed',
      fields: [{ field: 'knownAt', reasons: expect.arrayContaining(['knownAt must be a real instant']) as string[] }],
    });
  });

  it('uses the defaults (1900-01-01, one day ahead of the machine clock) without configured rules', async () => {
    expect(await refusal(Dated, { on: '0000-01-01' }, undefined)).toMatchObject({
      error: 'business-date-out-of-range',
      details: { earliest: '1900-01-01' },
    });
    expect(await refusal(Dated, { on: '2008-05-01' }, undefined)).toBeUndefined();
  });
});
