import { csvCell, csvRow, parseCsv } from './csv';

describe('the CSV writer', () => {
  it('quotes what RFC 4180 asks to quote and doubles inner quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12n)).toBe('12');
  });

  it('defuses formulas but leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('-1500.00')).toBe('-1500.00');
    expect(csvCell('200000.00')).toBe('200000.00');
  });

  it('reads back what it writes', () => {
    const rows = [
      ['a', 'b,c', 'd "e"', ''],
      ['multi\r\nline', 'ç à ü', '1.500', 'x'],
    ];
    const text = rows.map(csvRow).join('');
    expect(parseCsv(text)).toEqual(rows);
  });
});
