export { IsBusinessDate, isCalendarDate, type BusinessDateOptions } from './business-date.decorator';
export {
  DEFAULT_BUSINESS_DATE_RULES,
  LATEST_TERM_DATE,
  businessDateWindow,
  type BusinessDateKind,
  type BusinessDateRules,
} from './business-date-window';
export { IsMeaningfulText, isMeaningfulText } from './meaningful-text.decorator';
export { IsCurrencyCode, MoneyDto, MoneyView, POSITIVE_MINOR_UNITS } from './money.dto';
export { DeclineProposalDto, IsProposalTtlHours } from './four-eyes.dto';
