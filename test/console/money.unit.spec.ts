import fc from 'fast-check';
import { formatBp, formatMinor, formatMoney, minorDigits, parseAmount } from '../../apps/console/src/money';
import { amountInWords, numberInWords } from '../../apps/console/src/words';

/**
 * The console's money: shown in the user's locale with the currency's own decimals, read back
 * from what a user types strictly — what could mean two things is refused — and never a float.
 */
describe('console money formatting', () => {
  it('knows each currency’s minor digits', () => {
    expect([minorDigits('XOF'), minorDigits('MAD'), minorDigits('EUR'), minorDigits('TND')]).toEqual([0, 2, 2, 3]);
  });

  it('formats minor-unit strings exactly in each locale, however large', () => {
    expect(formatMoney({ amountMinor: '20000050', currency: 'MAD' }, 'en')).toBe('200,000.50\u00a0MAD');
    // CLDR: Morocco groups with dots; Tunisia and Senegal with a narrow no-break space.
    expect(formatMinor('20000050', 'MAD', 'fr-MA')).toBe('200.000,50');
    expect(formatMinor('12345678', 'TND', 'fr-TN')).toBe('12\u202f345,678');
    expect(formatMinor('340000000', 'XOF', 'fr-SN')).toBe('340\u202f000\u202f000');
    expect(formatMinor('5', 'TND', 'fr-TN')).toBe('0,005');
    expect(formatMinor('-7', 'EUR', 'en')).toBe('-0.07');
    expect(formatMinor('123456789012345678901', 'MAD', 'en')).toBe('1,234,567,890,123,456,789.01');
    expect(formatMoney(null, 'fr-MA')).toBe('—');
    expect(() => formatMinor('1.5', 'MAD', 'en')).toThrow();
  });

  it('formats basis points as a percentage of the locale', () => {
    expect(formatBp(7500, 'fr-MA')).toBe('75,00\u00a0%');
    expect(formatBp(7500, 'en')).toBe('75.00%');
    expect(formatBp(null, 'en')).toBe('—');
  });
});

describe('reading a typed amount', () => {
  const read = (text: string, currency: string, locale: string) => parseAmount(text, currency, locale);

  it('reads the French amounts of the issue as their writers meant them', () => {
    expect(read('200 000,50', 'MAD', 'fr-MA')).toEqual({ ok: true, amountMinor: '20000050' });
    expect(read('200\u202f000,50', 'MAD', 'fr-MA')).toEqual({ ok: true, amountMinor: '20000050' });
    expect(read('200.000,50', 'MAD', 'fr-MA')).toEqual({ ok: true, amountMinor: '20000050' });
    expect(read('1,5', 'MAD', 'fr-MA')).toEqual({ ok: true, amountMinor: '150' });
    expect(read('12 345,678', 'TND', 'fr-TN')).toEqual({ ok: true, amountMinor: '12345678' });
    expect(read('200,000.50', 'MAD', 'en')).toEqual({ ok: true, amountMinor: '20000050' });
  });

  it('refuses what could mean two things, instead of guessing', () => {
    expect(read('1.5', 'MAD', 'fr-MA')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(read('1.5', 'TND', 'fr-TN')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(read('1,5', 'MAD', 'en')).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('refuses more decimals than the currency has, groups that are not of three, zero and text', () => {
    expect(read('12 345,6789', 'TND', 'fr-TN')).toMatchObject({ ok: false, reason: 'too-many-decimals', scale: 3 });
    expect(read('1,5', 'XOF', 'fr-SN')).toMatchObject({ ok: false, reason: 'too-many-decimals', scale: 0 });
    expect(read('20 00', 'MAD', 'fr-MA')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(read('0', 'MAD', 'fr-MA')).toMatchObject({ ok: false, reason: 'not-positive' });
    expect(read('-5', 'MAD', 'fr-MA')).toMatchObject({ ok: false, reason: 'not-positive' });
    expect(read('abc', 'MAD', 'fr-MA')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(read('  ', 'MAD', 'fr-MA')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('reads back exactly what it shows, in every locale and currency', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.constantFrom('MAD', 'TND', 'XOF', 'EUR'),
        fc.constantFrom('fr-MA', 'fr-TN', 'fr-SN', 'en'),
        (minor, currency, locale) => {
          const shown = formatMinor(minor.toString(), currency, locale);
          expect(parseAmount(shown, currency, locale)).toEqual({ ok: true, amountMinor: minor.toString() });
        },
      ),
    );
  });
});

describe('an amount in words', () => {
  const names = (unit: 'major' | 'minor', count: bigint) =>
    unit === 'major' ? (count > 1n ? 'dirhams' : 'dirham') : count > 1n ? 'centimes' : 'centime';

  it('says the amount the way a cheque does', () => {
    expect(amountInWords({ amountMinor: '20000050', currency: 'MAD' }, 'fr', names)).toBe(
      'deux cent mille dirhams et cinquante centimes',
    );
    expect(amountInWords({ amountMinor: '150', currency: 'MAD' }, 'fr', names)).toBe('un dirham et cinquante centimes');
    expect(numberInWords(12345n, 'en')).toBe('twelve thousand three hundred forty-five');
  });
});

describe('an amount in words, in millions', () => {
  it('says "de" after a round million in French', () => {
    const names = (unit: 'major' | 'minor', count: bigint) =>
      unit === 'major' && count > 1n ? 'francs CFA' : 'franc CFA';
    expect(amountInWords({ amountMinor: '1000000000', currency: 'XOF' }, 'fr', names)).toBe(
      'un milliard de francs CFA',
    );
    expect(amountInWords({ amountMinor: '1200000', currency: 'XOF' }, 'fr', names)).toBe(
      'un million deux cent mille francs CFA',
    );
  });
});
