import fc from 'fast-check';
import {
  BasisPoints,
  CURRENCY_CODES,
  CurrencyMismatchError,
  FloatAmountError,
  InvalidAmountError,
  MAX_ABS_AMOUNT_MINOR,
  Money,
  Ratio,
  floorDiv,
  type CurrencyCode,
} from './index';

const code = fc.constantFrom<CurrencyCode>(...CURRENCY_CODES);
const anyMinor = fc.bigInt({ min: -MAX_ABS_AMOUNT_MINOR, max: MAX_ABS_AMOUNT_MINOR });
/** Small enough that sums of three never reach the bound. */
const addableMinor = fc.bigInt({ min: -(10n ** 29n), max: 10n ** 29n });
const nonNegativeMinor = fc.bigInt({ min: 0n, max: 10n ** 25n });
const money = fc.tuple(anyMinor, code).map(([a, c]) => Money.ofMinor(a, c));
const rate = fc.integer({ min: 0, max: 10_000 }).map((bp) => BasisPoints.of(bp));
const ratio = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 4n }), fc.bigInt({ min: 1n, max: 10n ** 12n }))
  .map(([n, d]) => Ratio.of(n, d));

describe('Money properties', () => {
  it('parseMinor(toMinorString(x)) === x in every currency', () => {
    fc.assert(
      fc.property(money, (m) => {
        expect(Money.parseMinor(m.toMinorString(), m.currency).equals(m)).toBe(true);
      }),
    );
  });

  it('parseMajor(toMajorString(x)) === x in every currency', () => {
    fc.assert(
      fc.property(money, (m) => {
        const back = Money.parseMajor(m.toMajorString(), m.currency.code);
        expect(back.amountMinor).toBe(m.amountMinor);
        expect(back.currency).toBe(m.currency);
      }),
    );
  });

  it('toMajorString has exactly the currency decimals', () => {
    fc.assert(
      fc.property(money, (m) => {
        const [, fraction = ''] = m.toMajorString().split('.');
        expect(fraction.length).toBe(m.currency.minorDigits);
      }),
    );
  });

  it('plus is associative and commutative, minus is its inverse', () => {
    fc.assert(
      fc.property(code, addableMinor, addableMinor, addableMinor, (c, x, y, z) => {
        const [a, b, d] = [Money.ofMinor(x, c), Money.ofMinor(y, c), Money.ofMinor(z, c)];
        expect(
          a
            .plus(b)
            .plus(d)
            .equals(a.plus(b.plus(d))),
        ).toBe(true);
        expect(a.plus(b).equals(b.plus(a))).toBe(true);
        expect(a.plus(b).minus(b).equals(a)).toBe(true);
        expect(a.minus(a).isZero()).toBe(true);
        expect(a.plus(a.negate()).isZero()).toBe(true);
      }),
    );
  });

  it('applyRate is the floor of amount × bp / 10000, between 0 and the amount', () => {
    fc.assert(
      fc.property(code, nonNegativeMinor, rate, (c, amount, bp) => {
        const result = Money.ofMinor(amount, c).applyRate(bp).amountMinor;
        const product = amount * BigInt(bp.value);
        expect(result >= 0n).toBe(true);
        expect(result <= amount).toBe(true);
        expect(result * 10_000n <= product).toBe(true);
        expect(product < (result + 1n) * 10_000n).toBe(true);
      }),
    );
  });

  it('multiplyByRatio is the floor of amount × n / d', () => {
    fc.assert(
      fc.property(code, nonNegativeMinor, ratio, (c, amount, r) => {
        const result = Money.ofMinor(amount, c).multiplyByRatio(r).amountMinor;
        const product = amount * r.numerator;
        expect(result * r.denominator <= product).toBe(true);
        expect(product < (result + 1n) * r.denominator).toBe(true);
      }),
    );
  });

  it('scaleByFraction equals multiplyByRatio with the exact ratio part/whole', () => {
    fc.assert(
      fc.property(code, nonNegativeMinor, nonNegativeMinor, fc.bigInt({ min: 1n, max: 10n ** 25n }), (c, x, q, w) => {
        // A share of a whole: part ≤ whole, as for subsidy ≤ eligible cost.
        const p = q % (w + 1n);
        const [amount, part, whole] = [Money.ofMinor(x, c), Money.ofMinor(p, c), Money.ofMinor(w, c)];
        const viaFraction = amount.scaleByFraction(part, whole);
        expect(viaFraction.amountMinor).toBe(floorDiv(x * p, w));
        expect(viaFraction.equals(amount.multiplyByRatio(Ratio.of(p, w)))).toBe(true);
      }),
    );
  });

  it('mixed currencies always throw', () => {
    const twoCodes = fc.tuple(code, code).filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(twoCodes, addableMinor, addableMinor, ([c1, c2], x, y) => {
        const a = Money.ofMinor(x, c1);
        const b = Money.ofMinor(y, c2);
        const ops: Array<() => unknown> = [
          () => a.plus(b),
          () => a.minus(b),
          () => a.compare(b),
          () => a.equals(b),
          () => a.lessThan(b),
          () => a.greaterThanOrEqual(b),
          () => Money.min(a, b),
          () => Money.max(a, b),
          () => Money.sum([a, b], c1),
          () => a.abs().scaleByFraction(b.abs(), b.abs().plus(Money.ofMinor(1n, c2))),
        ];
        for (const op of ops) expect(op).toThrow(CurrencyMismatchError);
      }),
    );
  });

  it('JS numbers are always refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer()), code, (n, c) => {
        expect(() => Money.ofMinor(n as never, c)).toThrow(FloatAmountError);
        expect(() => Money.parseMinor(n as never, c)).toThrow(FloatAmountError);
        expect(() => Money.parseMajor(n as never, c)).toThrow(FloatAmountError);
      }),
    );
  });

  it('non-canonical minor strings are always refused', () => {
    const digits = fc.stringMatching(/^[0-9]{1,12}$/);
    const malformed = fc.oneof(
      digits.map((d) => `${d}e5`),
      digits.map((d) => `0x${d}`),
      digits.map((d) => ` ${d}`),
      digits.map((d) => `${d} `),
      digits.map((d) => `+${d}`),
      fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`),
      digits.map((d) => `0${d}`),
      fc
        .double({ noNaN: true })
        .filter((d) => !Number.isInteger(d))
        .map(String),
    );
    fc.assert(
      fc.property(malformed, code, (s, c) => {
        expect(() => Money.parseMinor(s, c)).toThrow(InvalidAmountError);
      }),
    );
  });

  it('arbitrary strings are either refused with a MoneyError or round-trip exactly', () => {
    fc.assert(
      fc.property(fc.string(), code, (s, c) => {
        let parsed: Money | undefined;
        try {
          parsed = Money.parseMinor(s, c);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidAmountError);
          return;
        }
        expect(parsed.toMinorString()).toBe(s);
      }),
    );
  });
});
