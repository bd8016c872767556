import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches, ValidateBy } from 'class-validator';
import type { AsOfInput } from '@ledger/event-sourcing';
import { IsBusinessDate } from './dto';
import { BUSINESS_DATE_IN_WINDOW } from './dto/business-date.decorator';
import { businessDateWindow, isInWindow, outOfWindowReason } from './dto/business-date-window';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * `?asOf=YYYY-MM-DD&knownAt=<ISO instant>` on the GET balance endpoints: the balances as of a
 * business date, as known at a record time. Without either, the live read model answers. Both lie
 * in the business-date window (earliest day to today + LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD): nothing
 * recorded is dated later, so a later asOf would repeat that day while looking like a forecast.
 */
export class AsOfQueryDto {
  @IsBusinessDate(
    'business date: the balances as of the end of that day (default today, UTC). With asOf or knownAt, ' +
      'the answer comes from the as-of projection and says which asOf, knownAt and log position it reflects.',
    { optional: true, example: '2021-06-30' },
  )
  asOf?: string;

  @ApiPropertyOptional({
    description: 'record time: count only what had been recorded at that instant (default: everything recorded)',
    example: '2021-07-01T00:00:00Z',
    type: String,
    format: 'date-time',
  })
  @IsOptional()
  @Matches(INSTANT, { message: 'knownAt must be an ISO 8601 instant with its offset, e.g. 2024-05-01T12:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'knownAt must be a real instant' })
  @ValidateBy(
    {
      name: BUSINESS_DATE_IN_WINDOW,
      validator: {
        validate: (value) => !isRealInstant(value) || isInWindow(dayOf(value), businessDateWindow('happened')),
      },
    },
    {
      message: ({ property }) => outOfWindowReason(`${property}'s day (UTC)`, 'happened'),
      context: { kind: 'happened' },
    },
  )
  knownAt?: string;

  /** Whether the caller asked for a point in time at all. */
  static asked(query: AsOfQueryDto | undefined): query is AsOfQueryDto {
    return query?.asOf !== undefined || query?.knownAt !== undefined;
  }

  static toInput(query: AsOfQueryDto): AsOfInput {
    return { asOf: query.asOf ?? null, knownAt: query.knownAt ?? null };
  }
}

function isRealInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

function dayOf(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}
