import { csvDecimal, csvWriter, parseCsv } from './csv';

describe('the CSV writer in its two dialects', () => {
  const fr = csvWriter('excel-fr');
  const rfc = csvWriter('rfc4180');

  it('excel-fr starts with the UTF-8 byte-order mark; rfc4180 with nothing', () => {
    expect(fr.preamble).toBe('\uFEFF');
    expect(Buffer.from(fr.preamble, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(rfc.preamble).toBe('');
    expect(csvWriter()).toBe(rfc);
  });

  it('separates with ";" and ends records with CRLF', () => {
    expect(fr.row(['a', 'b', null, 3])).toBe('a;b;;3\r\n');
    expect(rfc.row(['a', 'b', null, 3])).toBe('a,b,,3\r\n');
  });

  it('writes amounts with a decimal comma, exactly, without a thousands separator', () => {
    expect(fr.cell(csvDecimal('1234567.89'))).toBe('1234567,89');
    expect(fr.cell(csvDecimal('-1500.00'))).toBe('-1500,00');
    expect(fr.cell(csvDecimal('1.500'))).toBe('1,500');
    expect(fr.cell(csvDecimal('340000000'))).toBe('340000000');
    // Beyond a float's precision: the digits are the string's, never a float's.
    expect(fr.cell(csvDecimal('92233720368547758.07'))).toBe('92233720368547758,07');
    expect(rfc.cell(csvDecimal('1234567.89'))).toBe('1234567.89');
    // The comma of an amount is not a separator in excel-fr: no quotes.
    expect(fr.row([csvDecimal('0.50'), 'MAD'])).toBe('0,50;MAD\r\n');
  });

  it('leaves texts alone: accents survive, and a comma or a point in a text is not touched', () => {
    expect(fr.cell('Coopérative Aïn Sebaâ — ç, à, ü')).toBe('Coopérative Aïn Sebaâ — ç, à, ü');
    expect(fr.cell('1.500')).toBe('1.500');
    const text = fr.preamble + fr.row(['Société Générale', 'Fès']);
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe('\uFEFFSociété Générale;Fès\r\n');
  });

  it('quotes a field holding ";", a quote, CR or LF (RFC 4180 with ";" as the special char)', () => {
    expect(fr.cell('a;b')).toBe('"a;b"');
    expect(fr.cell('say "hi"')).toBe('"say ""hi"""');
    expect(fr.cell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(fr.cell(' padded')).toBe('" padded"');
    expect(fr.cell('a,b')).toBe('a,b');
    expect(rfc.cell('a;b')).toBe('a;b');
    expect(rfc.cell('a,b')).toBe('"a,b"');
  });

  it('defuses formulas in both dialects, numbers excepted', () => {
    expect(fr.cell('=HYPERLINK("http://x";"y")')).toBe(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(fr.cell('-1+2')).toBe("'-1+2");
    expect(fr.cell(csvDecimal('-12.5'))).toBe('-12,5');
    // A text that is not a plain decimal is written as text, guarded.
    expect(fr.cell(csvDecimal('=1+1'))).toBe("'=1+1");
  });

  it('reads back what it writes, BOM skipped', () => {
    const rows = [
      ['nom', 'montant', 'note'],
      ['Crédit Agricole; Maroc', '1234567,89', 'il a dit "oui"\r\nensuite'],
    ];
    const text = fr.preamble + fr.row(rows[0]) + fr.row([rows[1][0], csvDecimal('1234567.89'), rows[1][2]]);
    expect(parseCsv(text, 'excel-fr')).toEqual(rows);
  });
});
