import { DateOutOfOrder, InvalidDate, RequestBeforeEnrolment } from './errors';

/**
 * Business dates are calendar dates written 'YYYY-MM-DD'. They compare as strings; the few
 * computations on them are integer arithmetic on (year, month, day), never a clock.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function parseIsoDate(value: string, field: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(value);
  if (!match) throw new InvalidDate(field, value);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDate(field, value);
  return { year, month, day };
}

export function assertIsoDate(value: string, field: string): IsoDate {
  parseIsoDate(value, field);
  return value;
}

/**
 * A command's business date may not precede the dated fact it depends on (`dependsOn` names it,
 * e.g. 'approvedOn'): refused with both dates. The same day is allowed.
 */
export function notBefore(field: string, date: IsoDate, earliest: IsoDate, dependsOn: string): void {
  if (date < earliest) throw new DateOutOfOrder(field, date, earliest, dependsOn);
}

/**
 * The beneficiary's participation year on a date: year 1 is its first twelve months from
 * enrolment, year 2 the next twelve, and so on — counted by anniversaries of the enrolment date,
 * not by calendar years. An enrolment on 29 February has its anniversary on 1 March in other
 * years. The grant's REQUEST date decides its participation year (see README of the lib).
 */
export function participationYear(enrolledOn: IsoDate, on: IsoDate): number {
  const start = parseIsoDate(enrolledOn, 'enrolledOn');
  const date = parseIsoDate(on, 'requestedOn');
  if (on < enrolledOn) throw new RequestBeforeEnrolment(on, enrolledOn);
  let anniversaries = date.year - start.year;
  if (date.month < start.month || (date.month === start.month && date.day < start.day)) anniversaries -= 1;
  return anniversaries + 1;
}
