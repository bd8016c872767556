export { loadLedgerConfig, type LedgerConfig, type LedgerRole } from './ledger-config';
export {
  DEPLOYMENT_NAMES,
  InvalidLedgerSettings,
  LEDGER_SETTINGS,
  LedgerSettings,
  validateLedgerSettings,
  type SettingDoc,
} from './ledger-settings';
export { Clock } from './clock';
export { LedgerRuntime, type RuntimeLogger } from './ledger-runtime';
export type { ContextReadModels } from './read-model-registry';
export { EVENT_STORE, LEDGER_CONFIG, LedgerPlatformModule, type LedgerPlatformOptions } from './ledger-platform.module';
export { LedgerExceptionFilter } from './http/domain-error.filter';
export { invalidField, ledgerValidationPipe, validationFailed, type FieldProblem } from './http/validation';
export {
  MAX_JSON_DEPTH,
  RequestInputInterceptor,
  checkCorrelationId,
  checkRequestInput,
  isInvalidText,
} from './http/request-input';
export { useLedgerInputChecks } from './http/input-checks';
export { CommandCtx, commandContextOf, requestHashOf } from './http/command-context.decorator';
export { IdempotencyInterceptor, ShownOnce } from './http/idempotency.interceptor';
export { IdempotencyKeyRequiredInterceptor, idempotencyKeyRequired } from './http/idempotency-key-required.interceptor';
export { CommandAnswerInterceptor } from './http/command-answer.interceptor';
export { MinPositionInterceptor } from './http/min-position.interceptor';
export {
  DeclineProposalDto,
  IsBusinessDate,
  IsProposalTtlHours,
  isCalendarDate,
  IsCurrencyCode,
  MoneyDto,
  MoneyView,
  POSITIVE_MINOR_UNITS,
  DEFAULT_BUSINESS_DATE_RULES,
  LATEST_TERM_DATE,
  businessDateWindow,
  IsMeaningfulText,
  isMeaningfulText,
  type BusinessDateKind,
  type BusinessDateRules,
  type BusinessDateOptions,
} from './http/dto';
export { requestActorOf, setRequestActor, type RequestActor } from './http/request-actor';
export { AsOfQueryDto } from './http/as-of-query.dto';
export { pinStatus, pinnedStatusOf } from './http/pinned-status';
export {
  AsOfListQueryDto,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  ListQueryDto,
  OffsetListQueryDto,
  OffsetPageDto,
  PageDto,
  cursorCodec,
  invalidCursor,
  offsetOf,
  pageAt,
  pageFrom,
  pageOf,
  type Page,
} from './http/list-page';
