import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Money } from '@ledger/money';
import { IsBusinessDate, isCalendarDate } from './business-date.decorator';
import { MoneyDto } from './money.dto';

class Dated {
  @IsBusinessDate('some day')
  on!: string;

  @IsBusinessDate('another day', { optional: true })
  until?: string | null;
}

async function reasons<T extends object>(type: new () => T, plain: object): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(type, plain), { forbidUnknownValues: true });
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
}

describe('MoneyDto', () => {
  it('accepts a positive string of minor units in a known currency', async () => {
    expect(await reasons(MoneyDto, { amountMinor: '20000000', currency: 'MAD' })).toEqual({});
    expect(
      MoneyDto.toMoney({ amountMinor: '20000000', currency: 'MAD' }).equals(Money.parseMinor('20000000', 'MAD')),
    ).toBe(true);
  });

  it('refuses JSON numbers, saying so and naming the property', async () => {
    const { amountMinor } = await reasons(MoneyDto, { amountMinor: 1000, currency: 'XOF' });
    expect(amountMinor).toEqual(
      expect.arrayContaining([expect.stringMatching(/^amountMinor must be .*JSON numbers are refused/)]),
    );
  });

  it.each(['0', '-5', '01', '1e3', ''])('refuses %j', async (amountMinor) => {
    expect((await reasons(MoneyDto, { amountMinor, currency: 'XOF' })).amountMinor).toEqual([
      'amountMinor must be a positive integer string of minor units, like "20000000"',
    ]);
  });

  it('refuses a currency the ledger does not know, in any case', async () => {
    for (const currency of ['mad', 'ZZZ', 5]) {
      expect((await reasons(MoneyDto, { amountMinor: '1', currency })).currency).toEqual([
        expect.stringMatching(/^currency must be one of the currencies the ledger knows: .*MAD/),
      ]);
    }
  });
});

describe('IsBusinessDate', () => {
  it('accepts calendar days', async () => {
    expect(await reasons(Dated, { on: '2024-02-29' })).toEqual({});
    expect(await reasons(Dated, { on: '2008-05-01', until: null })).toEqual({});
    expect(await reasons(Dated, { on: '2008-05-01', until: '2010-12-31' })).toEqual({});
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-04-31', '2024-00-10'])(
    'refuses %s, which is no day of the calendar',
    async (on) => {
      expect((await reasons(Dated, { on })).on).toEqual(['on must be a real calendar date']);
    },
  );

  it.each(['01/08/2009', '2009-8-1', '2009-08-01T00:00:00Z', ''])('refuses %j, which is not YYYY-MM-DD', async (on) => {
    expect((await reasons(Dated, { on })).on).toEqual(['on must be a date YYYY-MM-DD']);
  });

  it('refuses a missing or non-string date unless optional', async () => {
    expect((await reasons(Dated, {})).on).toEqual(expect.arrayContaining(['on must be a date YYYY-MM-DD']));
    expect((await reasons(Dated, { on: 20090801 })).on).toEqual(
      expect.arrayContaining(['on must be a string', 'on must be a date YYYY-MM-DD']),
    );
    expect((await reasons(Dated, { on: '2008-05-01', until: '2010-02-30' })).until).toEqual([
      'until must be a real calendar date',
    ]);
  });

  it('isCalendarDate knows leap years', () => {
    expect(['2000-02-29', '2024-02-29', '0004-02-29'].every(isCalendarDate)).toBe(true);
    expect(['1900-02-29', '2023-02-29', '2024-02-30', 20240229].some(isCalendarDate)).toBe(false);
  });
});
