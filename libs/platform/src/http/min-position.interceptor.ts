import {
  HttpStatus,
  Inject,
  Injectable,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { LEDGER_CONFIG } from '../ledger-platform.module';
import type { LedgerConfig } from '../ledger-config';
import { LedgerRuntime } from '../ledger-runtime';
import { invalidField } from './validation';

/**
 * Read-your-writes across replicas: a query that sends `X-Min-Position` (the `X-Log-Position` of
 * a command it made, on any process) is answered only once every read model has applied the log
 * up to it — the stored checkpoints, whichever process applies them — waiting at most
 * LEDGER_READ_MODEL_WAIT_MS. Past that it is refused with 503 and Retry-After rather than
 * answered from read models that do not show the write yet.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly runtime: LedgerRuntime,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers['x-min-position'];
    if (header === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return next.handle();
    const text = Array.isArray(header) ? header[0] : header;
    if (!/^\d{1,19}$/.test(text) || BigInt(text) > 9_223_372_036_854_775_807n)
      throw invalidField('X-Min-Position', 'must be a log position: digits, as in X-Log-Position');
    const position = BigInt(text);
    return from(this.runtime.readModelsReach(position, this.config.readModelWaitMs)).pipe(
      switchMap((reached) => {
        if (!reached) {
          context.switchToHttp().getResponse<Response>().setHeader('Retry-After', '1');
          throw new ServiceUnavailableException({
            statusCode: HttpStatus.SERVICE_UNAVAILABLE,
            error: 'read-models-behind',
            message: `the read models have not reached position ${position} yet; retry shortly`,
          });
        }
        return next.handle();
      }),
    );
  }
}
