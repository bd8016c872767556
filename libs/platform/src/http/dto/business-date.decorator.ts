import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { businessDateWindow, isInWindow, outOfWindowReason, type BusinessDateKind } from './business-date-window';

const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A 'YYYY-MM-DD' that names a day of the calendar (2024-02-29 yes, 2023-02-29 and 2024-02-30 no). */
export function isCalendarDate(value: unknown): boolean {
  const match = typeof value === 'string' ? BUSINESS_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export interface BusinessDateOptions {
  /** May be left out (or null). */
  readonly optional?: boolean;
  readonly example?: string;
  /**
   * A term of a contract, which may lie in the future (a validity end, a maturity, an effective
   * date): from LEDGER_BUSINESS_DATE_EARLIEST to LATEST_TERM_DATE. Otherwise the date of something
   * that happened: from LEDGER_BUSINESS_DATE_EARLIEST to LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD days after today.
   */
  readonly term?: boolean;
}

/** The constraint a date outside its window fails (the validation pipe answers it with `business-date-out-of-range`). */
export const BUSINESS_DATE_IN_WINDOW = 'isBusinessDateInWindow';

/**
 * A business date: a calendar day written 'YYYY-MM-DD' (business dates travel as days, not
 * instants). Documents the property and refuses anything else, including days that do not exist
 * and days outside the ledger's window (see BusinessDateOptions.term).
 */
export function IsBusinessDate(description?: string, options: BusinessDateOptions = {}): PropertyDecorator {
  const kind: BusinessDateKind = options.term ? 'term' : 'happened';
  const limits =
    kind === 'term'
      ? 'from LEDGER_BUSINESS_DATE_EARLIEST (default 1900-01-01) to 2200-12-31'
      : 'from LEDGER_BUSINESS_DATE_EARLIEST (default 1900-01-01) to LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD (default 1) days after today, UTC';
  const doc = {
    description: `${description ?? 'a business date'} (${limits})`,
    example: options.example ?? '2021-01-01',
    type: String,
    format: 'date',
  };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional({ ...doc, nullable: true })] : [ApiProperty(doc)]),
    IsString(),
    Matches(BUSINESS_DATE, { message: '$property must be a date YYYY-MM-DD' }),
    ValidateBy(
      {
        name: 'isBusinessDate',
        // A value of the wrong form is already reported by the pattern above.
        validator: {
          validate: (value) => typeof value !== 'string' || !BUSINESS_DATE.test(value) || isCalendarDate(value),
        },
      },
      { message: '$property must be a real calendar date' },
    ),
    ValidateBy(
      {
        name: BUSINESS_DATE_IN_WINDOW,
        // Only a real calendar day is placed in the window; anything else is reported above.
        validator: {
          validate: (value) => !isCalendarDate(value) || isInWindow(value as string, businessDateWindow(kind)),
        },
      },
      { message: ({ property }) => outOfWindowReason(property, kind), context: { kind } },
    ),
  );
}
