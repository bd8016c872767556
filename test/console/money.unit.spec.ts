import { formatBp, formatMinor, formatMoney, minorDigits, parseMajor } from '../../apps/console/src/money';

/** The console's money display: major units, the currency's own decimals, thousands separators, no floats. */
describe('console money formatting', () => {
  it('knows each currency’s minor digits', () => {
    expect([minorDigits('XOF'), minorDigits('MAD'), minorDigits('EUR'), minorDigits('TND')]).toEqual([0, 2, 2, 3]);
  });

  it('formats minor-unit strings exactly, however large', () => {
    expect(formatMoney({ amountMinor: '20000000', currency: 'MAD' })).toBe('200,000.00 MAD');
    expect(formatMoney({ amountMinor: '340000000', currency: 'XOF' })).toBe('340,000,000 XOF');
    expect(formatMoney({ amountMinor: '1234567', currency: 'TND' })).toBe('1,234.567 TND');
    expect(formatMinor('5', 'TND')).toBe('0.005');
    expect(formatMinor('-101176471', 'XOF')).toBe('-101,176,471');
    expect(formatMinor('-7', 'EUR')).toBe('-0.07');
    expect(formatMinor('0', 'MAD')).toBe('0.00');
    // Beyond 2^53: a float would lose the last digits.
    expect(formatMinor('123456789012345678901', 'MAD')).toBe('1,234,567,890,123,456,789.01');
    expect(formatMoney(null)).toBe('—');
    expect(() => formatMinor('1.5', 'MAD')).toThrow();
  });

  it('reads what a user types back into minor units, refusing extra decimals', () => {
    expect(parseMajor('200,000.5', 'MAD')).toEqual({ ok: true, amountMinor: '20000050' });
    expect(parseMajor('1 000 000', 'XOF')).toEqual({ ok: true, amountMinor: '1000000' });
    expect(parseMajor('0.001', 'TND')).toEqual({ ok: true, amountMinor: '1' });
    expect(parseMajor('9007199254740993.01', 'EUR')).toEqual({ ok: true, amountMinor: '900719925474099301' });
    expect(parseMajor('1.5', 'XOF')).toEqual({ ok: false, message: 'XOF has no decimals' });
    expect(parseMajor('1.005', 'MAD')).toEqual({ ok: false, message: 'MAD has 2 decimals at most' });
    expect(parseMajor('0', 'MAD')).toMatchObject({ ok: false });
    expect(parseMajor('-5', 'MAD')).toMatchObject({ ok: false });
    expect(parseMajor('abc', 'MAD')).toMatchObject({ ok: false });
  });

  it('shows basis points as a percentage with two decimals', () => {
    expect(formatBp(7500)).toBe('75.00 %');
    expect(formatBp(6666)).toBe('66.66 %');
    expect(formatBp(5)).toBe('0.05 %');
    expect(formatBp(null)).toBe('—');
  });
});
