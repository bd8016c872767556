import {
  BasisPoints,
  CURRENCY_CODES,
  DivisionByZeroError,
  InvalidBasisPointsError,
  InvalidRatioError,
  Ratio,
  UnknownCurrencyError,
  currencyOf,
  floorDiv,
  isCurrencyCode,
} from './index';

describe('currencies', () => {
  it('know their ISO 4217 minor digits', () => {
    expect(currencyOf('XOF').minorDigits).toBe(0);
    expect(currencyOf('XAF').minorDigits).toBe(0);
    expect(currencyOf('MAD').minorDigits).toBe(2);
    expect(currencyOf('EUR').minorDigits).toBe(2);
    expect(currencyOf('USD').minorDigits).toBe(2);
    expect(currencyOf('TND').minorDigits).toBe(3);
    expect(CURRENCY_CODES).toEqual(expect.arrayContaining(['XOF', 'MAD', 'EUR', 'TND']));
  });

  it.each(['mad', 'FCFA', '', 'toString', '__proto__', 'MAD '])('refuse %j', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
    expect(() => currencyOf(code)).toThrow(UnknownCurrencyError);
  });
});

describe('BasisPoints', () => {
  it('accepts integers 0..10000 as numbers or canonical strings', () => {
    expect(BasisPoints.of(7500).value).toBe(7500);
    expect(BasisPoints.parse('10000').equals(BasisPoints.FULL)).toBe(true);
    expect(BasisPoints.from('0').isZero()).toBe(true);
    expect(BasisPoints.of(7500).toPercentString()).toBe('75.00 %');
    expect(BasisPoints.of(1).toPercentString()).toBe('0.01 %');
    expect(JSON.stringify({ rate: BasisPoints.of(6000) })).toBe('{"rate":6000}');
    expect(BasisPoints.of(7500).toRatio().toString()).toBe('3/4');
  });

  it.each([7.5, -1, 10001, Number.NaN, Infinity, 2 ** 60])('refuses the number %p', (value) => {
    expect(() => BasisPoints.of(value)).toThrow(InvalidBasisPointsError);
  });

  it.each(['75.5', '+75', ' 75', '1e3', '0x10', '007', '-1', '10001', ''])('refuses the string %j', (value) => {
    expect(() => BasisPoints.parse(value)).toThrow(InvalidBasisPointsError);
  });
});

describe('Ratio', () => {
  it('keeps the Senegal multiplier exact and reduced', () => {
    const r = Ratio.parse('1000000000/340000000');
    expect(r.numerator).toBe(50n);
    expect(r.denominator).toBe(17n);
    expect(r.toString()).toBe('50/17');
    expect(r.toDecimalString(4)).toBe('2.9411');
    expect(Ratio.parse(r.toString()).equals(r)).toBe(true);
  });

  it('parses decimals exactly', () => {
    expect(Ratio.parseDecimal('2.94').toString()).toBe('147/50');
    expect(Ratio.parseDecimal('3').toString()).toBe('3/1');
    expect(Ratio.parseDecimal('0.75').equals(Ratio.of(3n, 4n))).toBe(true);
    expect(Ratio.of(1n, 3n).toDecimalString(0)).toBe('0');
    expect(Ratio.of(1n, 3n).toDecimalString(3)).toBe('0.333');
  });

  it('compares and multiplies', () => {
    expect(Ratio.parseDecimal('2.94').compare(Ratio.of(50n, 17n))).toBe(-1);
    expect(Ratio.of(2n, 3n).times(Ratio.of(3n, 4n)).toString()).toBe('1/2');
    expect(Ratio.of(-2n, -4n).toString()).toBe('1/2');
  });

  it('refuses bad input', () => {
    expect(() => Ratio.of(1n, 0n)).toThrow(DivisionByZeroError);
    expect(() => Ratio.parse('1/0')).toThrow(DivisionByZeroError);
    expect(() => Ratio.of(-1n, 2n)).toThrow(InvalidRatioError);
    expect(() => Ratio.of(1 as never, 2n)).toThrow(InvalidRatioError);
    for (const s of ['', '1/', '/2', '-1/2', '1.5/2', ' 1/2', '1e3', '2.94', 'a/b']) {
      expect(() => Ratio.parse(s)).toThrow(InvalidRatioError);
    }
    for (const s of ['', '.5', '5.', '-1', '1e3', '+2', '50/17']) {
      expect(() => Ratio.parseDecimal(s)).toThrow(InvalidRatioError);
    }
  });
});

describe('floorDiv (the rounding rule)', () => {
  it('rounds down, also below zero where bigint division would truncate', () => {
    expect(floorDiv(7n, 2n)).toBe(3n);
    expect(floorDiv(-7n, 2n)).toBe(-4n);
    expect(floorDiv(7n, -2n)).toBe(-4n);
    expect(floorDiv(-7n, -2n)).toBe(3n);
    expect(floorDiv(-8n, 2n)).toBe(-4n);
    expect(() => floorDiv(1n, 0n)).toThrow(DivisionByZeroError);
  });
});
