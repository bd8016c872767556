import {
  AmountOverflowError,
  BasisPoints,
  CurrencyMismatchError,
  DivisionByZeroError,
  FloatAmountError,
  InvalidAmountError,
  MAX_ABS_AMOUNT_MINOR,
  Money,
  MoneyError,
  NegativeAmountError,
  Ratio,
  TooManyDecimalsError,
  UnknownCurrencyError,
  currencyOf,
} from './index';

/** Captures the thrown error so tests can check its type and figures, not its text. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const mad = (major: string): Money => Money.parseMajor(major, 'MAD');
const xof = (major: string): Money => Money.parseMajor(major, 'XOF');

describe('Money with the seed figures', () => {
  it('75 % of 300,000.00 MAD promotion costs is 225,000.00 MAD (before any cap)', () => {
    const subsidy = mad('300000.00').applyRate(BasisPoints.of(7500));
    expect(subsidy.toMajorString()).toBe('225000.00');
    expect(subsidy.amountMinor).toBe(22_500_000n);
  });

  it('the 200,000 MAD cap is applied with Money.min, by the caller', () => {
    const subsidy = Money.min(mad('300000.00').applyRate(BasisPoints.of(7500)), mad('200000'));
    expect(subsidy.toMajorString()).toBe('200000.00');
  });

  it('50 % start-up of 180,000 MAD stays under the 100,000 MAD cap', () => {
    const subsidy = Money.min(mad('180000').applyRate(BasisPoints.of(5000)), mad('100000'));
    expect(subsidy.toJSON()).toEqual({ amountMinor: '9000000', currency: 'MAD' });
  });

  it('340,000,000 XOF guarantee fund × 1,000,000,000/340,000,000 is exactly 1,000,000,000 XOF', () => {
    const multiplier = Ratio.parse('1000000000/340000000');
    const capacity = xof('340000000').multiplyByRatio(multiplier);
    expect(capacity.amountMinor).toBe(1_000_000_000n);
    expect(capacity.toMajorString()).toBe('1000000000');
  });

  it('the rounded multiplier 2.94 would not give 1,000,000,000 XOF: that is why it is a ratio', () => {
    expect(xof('340000000').multiplyByRatio(Ratio.parseDecimal('2.94')).amountMinor).toBe(999_600_000n);
  });

  it('an invoice is paid at the effective rate subsidy / eligible cost, rounded down', () => {
    // Cap-limited grant: eligible 300,000.00, subsidy 200,000.00, effective rate 2/3.
    const invoice = mad('1000.00');
    const paid = invoice.scaleByFraction(mad('200000.00'), mad('300000.00'));
    expect(paid.toMajorString()).toBe('666.66');
  });

  it('formats TND with 3 decimals', () => {
    expect(Money.ofMinor(1500n, 'TND').toMajorString()).toBe('1.500');
    expect(Money.ofMinor(5n, 'TND').toMajorString()).toBe('0.005');
    expect(Money.ofMinor(-1234567n, 'TND').toMajorString()).toBe('-1234.567');
    expect(Money.parseMajor('1.5', 'TND').amountMinor).toBe(1500n);
    expect(`${Money.ofMinor(1500n, 'TND')}`).toBe('1.500 TND');
  });

  it('formats MAD with 2 decimals and XOF with none', () => {
    expect(mad('200000').toMajorString()).toBe('200000.00');
    expect(Money.ofMinor(-5n, 'MAD').toMajorString()).toBe('-0.05');
    expect(xof('340000000').toMajorString()).toBe('340000000');
    expect(Money.zero('EUR').toMajorString()).toBe('0.00');
  });
});

describe('parsing', () => {
  it('reads minor-unit strings', () => {
    expect(Money.parseMinor('-12345', 'MAD').amountMinor).toBe(-12345n);
    expect(Money.parseMinor('0', 'XOF').isZero()).toBe(true);
  });

  it.each(['', '-', '+3', ' 12', '12 ', '1e5', '0x10', '1.5', '1,000', '007', '-0', '١٢', '12n', 'Infinity', 'NaN'])(
    'refuses %j as minor units',
    (input) => {
      expect(thrown(() => Money.parseMinor(input, 'MAD'))).toBeInstanceOf(InvalidAmountError);
    },
  );

  it('refuses over-long input before parsing it', () => {
    const error = thrown(() => Money.parseMinor('1'.repeat(10_000), 'MAD'));
    expect(error).toBeInstanceOf(InvalidAmountError);
  });

  it('refuses amounts beyond the bound with the figures', () => {
    const error = thrown(() => Money.parseMinor('1' + '0'.repeat(30), 'XOF'));
    expect(error).toBeInstanceOf(AmountOverflowError);
    expect(error).toMatchObject({ code: 'AMOUNT_OVERFLOW', amountMinor: 10n ** 30n, currency: 'XOF' });
    expect(Money.ofMinor(MAX_ABS_AMOUNT_MINOR, 'XOF').amountMinor).toBe(10n ** 30n - 1n);
    expect(Money.ofMinor(-MAX_ABS_AMOUNT_MINOR, 'XOF').amountMinor).toBe(1n - 10n ** 30n);
  });

  it('overflow is checked on arithmetic results too', () => {
    const max = Money.ofMinor(MAX_ABS_AMOUNT_MINOR, 'MAD');
    expect(thrown(() => max.plus(Money.ofMinor(1n, 'MAD')))).toBeInstanceOf(AmountOverflowError);
    expect(thrown(() => max.multiplyByRatio(Ratio.of(2n, 1n)))).toBeInstanceOf(AmountOverflowError);
  });

  it('reads major-unit strings with at most the currency decimals', () => {
    expect(Money.parseMajor('1234.5', 'MAD').amountMinor).toBe(123450n);
    expect(Money.parseMajor('-0.01', 'EUR').amountMinor).toBe(-1n);
    expect(Money.parseMajor('0.000', 'TND').amountMinor).toBe(0n);
  });

  it('refuses extra decimals instead of rounding, with the figures', () => {
    const error = thrown(() => Money.parseMajor('200000.005', 'MAD'));
    expect(error).toBeInstanceOf(TooManyDecimalsError);
    expect(error).toBeInstanceOf(InvalidAmountError);
    expect(error).toMatchObject({ code: 'TOO_MANY_DECIMALS', currency: 'MAD', maxDecimals: 2, decimals: 3 });
    expect(thrown(() => Money.parseMajor('340000000.0', 'XOF'))).toBeInstanceOf(TooManyDecimalsError);
  });

  it.each(['', '.5', '5.', '+1.00', '1e3', ' 1.00', '1,000.00', '01.00', '-0.00', '0x10', '1.2.3'])(
    'refuses %j as major units',
    (input) => {
      expect(thrown(() => Money.parseMajor(input, 'MAD'))).toBeInstanceOf(InvalidAmountError);
    },
  );

  it('refuses JS numbers at runtime with FloatAmountError', () => {
    const asAny = (v: unknown) => v as never;
    expect(thrown(() => Money.ofMinor(asAny(1.5), 'MAD'))).toBeInstanceOf(FloatAmountError);
    expect(thrown(() => Money.ofMinor(asAny(100), 'MAD'))).toBeInstanceOf(FloatAmountError);
    expect(thrown(() => Money.parseMinor(asAny(100), 'MAD'))).toBeInstanceOf(FloatAmountError);
    expect(thrown(() => Money.parseMajor(asAny(0.1), 'MAD'))).toBeInstanceOf(FloatAmountError);
    expect(thrown(() => mad('1').plus(asAny(1)))).toBeInstanceOf(FloatAmountError);
    expect(thrown(() => mad('1').applyRate(asAny(7500)))).toBeInstanceOf(InvalidAmountError);
    expect(thrown(() => mad('1').multiplyByRatio(asAny(2.94)))).toBeInstanceOf(InvalidAmountError);
  });

  it('refuses unknown currencies', () => {
    const error = thrown(() => Money.zero('XYZ' as never));
    expect(error).toBeInstanceOf(UnknownCurrencyError);
    expect(error).toMatchObject({ code: 'UNKNOWN_CURRENCY', currencyCode: 'XYZ' });
  });

  it('round-trips through JSON', () => {
    const m = Money.ofMinor(-20_000_000n, currencyOf('MAD'));
    const json: unknown = JSON.parse(JSON.stringify({ m }));
    expect(json).toEqual({ m: { amountMinor: '-20000000', currency: 'MAD' } });
    expect(Money.fromJSON((json as { m: unknown }).m).equals(m)).toBe(true);
    expect(thrown(() => Money.fromJSON({ amountMinor: 5, currency: 'MAD' }))).toBeInstanceOf(FloatAmountError);
    expect(thrown(() => Money.fromJSON({ amountMinor: '5', currency: 'mad' }))).toBeInstanceOf(UnknownCurrencyError);
    expect(thrown(() => Money.fromJSON(null))).toBeInstanceOf(InvalidAmountError);
  });
});

describe('arithmetic and comparison', () => {
  it('adds, subtracts, negates', () => {
    expect(mad('100.10').plus(mad('0.90')).toMajorString()).toBe('101.00');
    expect(mad('100').minus(mad('250.50')).toMajorString()).toBe('-150.50');
    expect(mad('1').negate().isNegative()).toBe(true);
    expect(mad('-1').abs().equals(mad('1'))).toBe(true);
  });

  it('sums a list, including the empty one', () => {
    expect(Money.sum([], 'XOF').equals(Money.zero('XOF'))).toBe(true);
    expect(Money.sum([mad('1.01'), mad('2.02'), mad('-0.03')], 'MAD').toMajorString()).toBe('3.00');
  });

  it('min and max', () => {
    expect(Money.min(mad('3'), mad('1'), mad('2')).toMajorString()).toBe('1.00');
    expect(Money.max(mad('3'), mad('1'), mad('5')).toMajorString()).toBe('5.00');
  });

  it('refuses mixed currencies with both currencies in the error', () => {
    const error = thrown(() => mad('1').plus(xof('1')));
    expect(error).toBeInstanceOf(CurrencyMismatchError);
    expect(error).toBeInstanceOf(MoneyError);
    expect(error).toMatchObject({ code: 'CURRENCY_MISMATCH', expected: 'MAD', actual: 'XOF', operation: 'plus' });
    expect(thrown(() => mad('1').equals(xof('1')))).toBeInstanceOf(CurrencyMismatchError);
    expect(thrown(() => Money.sum([mad('1'), xof('1')], 'MAD'))).toBeInstanceOf(CurrencyMismatchError);
    expect(thrown(() => Money.min(mad('1'), xof('1')))).toBeInstanceOf(CurrencyMismatchError);
    expect(thrown(() => mad('1').scaleByFraction(xof('1'), mad('2')))).toBeInstanceOf(CurrencyMismatchError);
  });

  it('refuses negative inputs to share computations', () => {
    const error = thrown(() => mad('-1').applyRate(BasisPoints.of(5000)));
    expect(error).toBeInstanceOf(NegativeAmountError);
    expect(error).toMatchObject({ operation: 'applyRate', amountMinor: -100n, currency: 'MAD' });
    expect(thrown(() => mad('-1').multiplyByRatio(Ratio.ONE))).toBeInstanceOf(NegativeAmountError);
    expect(thrown(() => mad('1').scaleByFraction(mad('-1'), mad('2')))).toBeInstanceOf(NegativeAmountError);
    expect(thrown(() => mad('1').scaleByFraction(mad('1'), mad('0')))).toBeInstanceOf(DivisionByZeroError);
  });

  it('cannot be compared or concatenated as a primitive by accident', () => {
    const a = mad('1') as unknown as number;
    expect(() => a < 2).toThrow(TypeError);
    expect(() => a + 1).toThrow(TypeError);
    expect(String(mad('1'))).toBe('1.00 MAD');
  });

  it('is immutable', () => {
    const m = mad('1');
    expect(Object.isFrozen(m)).toBe(true);
    expect(() => {
      (m as { amountMinor: bigint }).amountMinor = 5n;
    }).toThrow(TypeError);
  });

  it('errors serialise to JSON with bigints as strings', () => {
    const error = thrown(() => mad('-1').applyRate(BasisPoints.of(1))) as MoneyError;
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'NegativeAmountError',
      code: 'NEGATIVE_AMOUNT',
      amountMinor: '-100',
    });
  });
});
