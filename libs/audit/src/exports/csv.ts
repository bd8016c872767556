/**
 * One CSV writer, two dialects.
 *
 * - `rfc4180` (the default): fields separated by commas, records ended by CRLF, decimals with a
 *   point, no byte-order mark.
 * - `excel-fr`: what French Excel opens by a double click — a UTF-8 byte-order mark first (else
 *   accents come out garbled), `;` between fields, a decimal comma in amounts ("1234567,89"; no
 *   thousands separator, so the cell is a number), records ended by CRLF.
 *
 * In both, a field is quoted when it holds the separator, a double quote, CR or LF (or starts/ends
 * with a space), and a double quote inside a quoted field is doubled (RFC 4180, with the dialect's
 * separator as the special character).
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab / CR) as a
 * formula, so such a text is prefixed with a single quote ("'=HYPERLINK(…)"). Plain numbers are
 * exempt ("-1500.00" stays a number): a number cannot run anything.
 *
 * Amounts go in as `csvDecimal("1234567.89")`: an exact decimal string, never a float, which each
 * dialect writes with its own decimal mark.
 */
export const CSV_DIALECTS = ['rfc4180', 'excel-fr'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/**
 * A decimal number kept as its exact text ('-1234.50'), written with the dialect's decimal mark
 * (a text that is not a plain decimal is written as any other text).
 */
export class CsvDecimal {
  constructor(readonly text: string) {}
}

export type CsvValue = string | number | bigint | boolean | null | undefined | CsvDecimal;

/** An amount or other decimal, from its exact text with a point ("1234567.89"). */
export const csvDecimal = (text: string): CsvDecimal => new CsvDecimal(text);
/** `csvDecimal`, letting null and undefined through (an empty cell). */
export const csvDecimalOrNull = (text: string | null | undefined): CsvDecimal | null =>
  text === null || text === undefined ? null : new CsvDecimal(text);

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export interface CsvWriter {
  readonly dialect: CsvDialect;
  /** What the file starts with: the byte-order mark in excel-fr, nothing in rfc4180. */
  readonly preamble: string;
  readonly separator: string;
  cell(value: CsvValue): string;
  /** One record, CRLF included. */
  row(values: readonly CsvValue[]): string;
}

interface DialectRules {
  readonly preamble: string;
  readonly separator: string;
  readonly decimalMark: string;
  readonly needsQuotes: RegExp;
}

const RULES: Record<CsvDialect, DialectRules> = {
  rfc4180: { preamble: '', separator: ',', decimalMark: '.', needsQuotes: /[",\r\n]|^\s|\s$/ },
  'excel-fr': { preamble: '\uFEFF', separator: ';', decimalMark: ',', needsQuotes: /[";\r\n]|^\s|\s$/ },
};

const writers = new Map<CsvDialect, CsvWriter>();

/** The writer of a dialect (default rfc4180). */
export function csvWriter(dialect: CsvDialect = 'rfc4180'): CsvWriter {
  const known = writers.get(dialect);
  if (known) return known;
  const rules = RULES[dialect];
  if (!rules) throw new Error(`unknown CSV dialect: ${String(dialect)}`);
  const cell = (value: CsvValue): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof CsvDecimal && PLAIN_NUMBER.test(value.text)) return value.text.replace('.', rules.decimalMark);
    let text = value instanceof CsvDecimal ? value.text : typeof value === 'string' ? value : String(value);
    if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
    return rules.needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const writer: CsvWriter = {
    dialect,
    preamble: rules.preamble,
    separator: rules.separator,
    cell,
    row: (values) => `${values.map(cell).join(rules.separator)}\r\n`,
  };
  writers.set(dialect, writer);
  return writer;
}

/** A cell in the default dialect (rfc4180). */
export function csvCell(value: CsvValue): string {
  return csvWriter().cell(value);
}

/** One record in the default dialect (rfc4180), CRLF included. */
export function csvRow(values: readonly CsvValue[]): string {
  return csvWriter().row(values);
}

/**
 * Reads CSV text back into records (as written above, either dialect: a leading byte-order mark
 * is skipped). For tests and for anyone checking an export; the formula guard's leading quote is
 * left in place, and decimals keep the dialect's mark.
 */
export function parseCsv(text: string, dialect: CsvDialect = 'rfc4180'): string[][] {
  const separator = RULES[dialect].separator;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field.length === 0) {
      quoted = true;
    } else if (char === separator) {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else if (char === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
    i += 1;
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
