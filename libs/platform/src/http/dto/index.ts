export { IsBusinessDate, isCalendarDate, type BusinessDateOptions } from './business-date.decorator';
export { IsCurrencyCode, MoneyDto, POSITIVE_MINOR_UNITS } from './money.dto';
export { DeclineProposalDto, IsProposalTtlHours } from './four-eyes.dto';
