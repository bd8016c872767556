export { loadLedgerConfig, type LedgerConfig, type LedgerRole } from './ledger-config';
export { Clock } from './clock';
export { LedgerRuntime, type RuntimeLogger } from './ledger-runtime';
export type { ContextReadModels } from './read-model-registry';
export { EVENT_STORE, LEDGER_CONFIG, LedgerPlatformModule, type LedgerPlatformOptions } from './ledger-platform.module';
export { LedgerExceptionFilter } from './http/domain-error.filter';
export { invalidField, ledgerValidationPipe, validationFailed, type FieldProblem } from './http/validation';
export { CommandCtx, commandContextOf, requestHashOf } from './http/command-context.decorator';
export { IdempotencyInterceptor } from './http/idempotency.interceptor';
export { CommandAnswerInterceptor } from './http/command-answer.interceptor';
export { MinPositionInterceptor } from './http/min-position.interceptor';
export {
  DeclineProposalDto,
  IsBusinessDate,
  IsProposalTtlHours,
  isCalendarDate,
  IsCurrencyCode,
  MoneyDto,
  POSITIVE_MINOR_UNITS,
  type BusinessDateOptions,
} from './http/dto';
export { NOT_IDEMPOTENT, requestActorOf, setRequestActor, type RequestActor } from './http/request-actor';
export { AsOfQueryDto } from './http/as-of-query.dto';
export { pinStatus, pinnedStatusOf } from './http/pinned-status';
