import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AmountOverflowError, MAX_ABS_AMOUNT_MINOR, Money, TooManyDecimalsError } from '@ledger/money';
import { MoneyDto } from './dto/money.dto';
import { moneyErrorAnswer } from './money-error-answer';

async function amountMinorReasons(plain: object): Promise<string[]> {
  const errors = await validate(plainToInstance(MoneyDto, plain));
  return Object.values(errors.find((error) => error.property === 'amountMinor')?.constraints ?? {});
}

describe('an amount refused for its decimals names the currency’s decimals', () => {
  it.each([
    ['12.345', 'TND', 'TND has 3 decimals, so 12.345 TND is "12345"'],
    ['12.3456', 'TND', 'TND has 3 decimals'],
    ['200000,50', 'MAD', 'MAD has 2 decimals, so 200000,50 MAD is "20000050"'],
    ['1.5', 'MAD', 'MAD has 2 decimals, so 1.5 MAD is "150"'],
    ['1.5', 'XOF', 'XOF has no decimals'],
  ])('%s %s', async (amountMinor, currency, said) => {
    const [reason] = await amountMinorReasons({ amountMinor, currency });
    expect(reason).toContain('must be a positive integer string of minor units');
    expect(reason).toContain(`without a decimal point: ${said}`);
  });

  it('says the plain rule when the input is not a decimal amount', async () => {
    expect(await amountMinorReasons({ amountMinor: '-5', currency: 'TND' })).toEqual([
      'amountMinor must be a positive integer string of minor units, like "20000000"',
    ]);
  });

  it('parseMajor refusals say the same', () => {
    const refusal = (() => {
      try {
        Money.parseMajor('1.2345', 'TND');
      } catch (error) {
        return error as TooManyDecimalsError;
      }
    })();
    expect(refusal).toBeInstanceOf(TooManyDecimalsError);
    expect(refusal?.message).toContain('TND has 3 decimals, got 4');
    expect(moneyErrorAnswer(refusal!, {})).toMatchObject({
      statusCode: 400,
      error: 'TOO_MANY_DECIMALS',
      details: { currency: 'TND', decimals: 3 },
    });
  });
});

describe('AMOUNT_OVERFLOW names its field', () => {
  const bound = { amountMinor: MAX_ABS_AMOUNT_MINOR.toString(), currency: 'XOF' };

  it('names the amount that is itself past the bound', () => {
    const body = {
      fee: { amountMinor: '5', currency: 'XOF' },
      principal: { amountMinor: `1${'0'.repeat(30)}`, currency: 'XOF' },
    };
    const answer = moneyErrorAnswer(new AmountOverflowError(10n ** 30n, 'XOF', MAX_ABS_AMOUNT_MINOR), body);
    expect(answer).toMatchObject({
      statusCode: 400,
      error: 'AMOUNT_OVERFLOW',
      details: { field: 'principal', bound },
      fields: [{ field: 'principal' }],
    });
    expect(answer.message).toMatch(/^principal: /);
  });

  it('names the amount that tipped a running total over the bound (the largest of the body)', () => {
    const body = {
      lines: [{ amount: { amountMinor: '7', currency: 'XOF' } }, { amount: { amountMinor: '900', currency: 'XOF' } }],
    };
    const answer = moneyErrorAnswer(
      new AmountOverflowError(MAX_ABS_AMOUNT_MINOR + 900n, 'XOF', MAX_ABS_AMOUNT_MINOR),
      body,
    );
    expect(answer).toMatchObject({ details: { field: 'lines[1].amount', bound } });
  });

  it('still answers with the bound when the body has no amount', () => {
    const answer = moneyErrorAnswer(new AmountOverflowError(10n ** 31n, 'XOF', MAX_ABS_AMOUNT_MINOR), {
      multiplier: '10',
    });
    expect(answer).toEqual({
      statusCode: 400,
      error: 'AMOUNT_OVERFLOW',
      message: expect.stringContaining('exceeds the bound'),
      details: { bound },
    });
  });
});
