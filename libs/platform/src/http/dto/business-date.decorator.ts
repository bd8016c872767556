import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';

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
}

/**
 * A business date: a calendar day written 'YYYY-MM-DD' (business dates travel as days, not
 * instants). Documents the property and refuses anything else, including days that do not exist.
 */
export function IsBusinessDate(description?: string, options: BusinessDateOptions = {}): PropertyDecorator {
  const doc = { description, example: options.example ?? '2021-01-01', type: String, format: 'date' };
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
  );
}
