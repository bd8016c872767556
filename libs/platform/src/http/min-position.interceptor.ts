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
import { Observable, from, switchMap } from 'rxjs';
import { LEDGER_CONFIG } from '../ledger-platform.module';
import type { LedgerConfig } from '../ledger-config';
import { LedgerRuntime } from '../ledger-runtime';
import { readingFrom } from '../read-routing';
import { invalidField } from './validation';

/**
 * Where a query reads, and read-your-writes across replicas. A query (GET) reads the read pool
 * (DATABASE_READ_URL) when one is set, else the primary. A query that sends `X-Min-Position` (the
 * `X-Log-Position` of a command it made, on any process) is answered only from read models that
 * have applied the log up to it: the read pool if its replicated checkpoints are there already,
 * else the primary once its stored checkpoints are — whichever process applies them — waiting at
 * most LEDGER_READ_MODEL_WAIT_MS. Past that it is refused with 503 and Retry-After rather than
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
    if (request.method !== 'GET' && request.method !== 'HEAD') return next.handle();
    const header = request.headers['x-min-position'];
    const position = header === undefined ? undefined : parsePosition(Array.isArray(header) ? header[0] : header);
    return from(this.source(position)).pipe(
      switchMap((source) => {
        if (source === 'none') {
          context.switchToHttp().getResponse<Response>().setHeader('Retry-After', '1');
          throw new ServiceUnavailableException({
            statusCode: HttpStatus.SERVICE_UNAVAILABLE,
            error: 'read-models-behind',
            message: `the read models have not reached position ${position} yet; retry shortly`,
          });
        }
        // The handler runs inside this context, so the DataSource it was given reads `source`.
        return new Observable<unknown>((subscriber) => {
          const subscription = readingFrom(source === 'replica', () => next.handle().subscribe(subscriber));
          return () => subscription.unsubscribe();
        });
      }),
    );
  }

  private async source(position: bigint | undefined): Promise<'replica' | 'primary' | 'none'> {
    const pool = this.runtime.readPool !== null;
    if (position === undefined) return pool ? 'replica' : 'primary';
    if (pool && (await this.runtime.readPoolHas(position))) return 'replica';
    return (await this.runtime.readModelsReach(position, this.config.readModelWaitMs)) ? 'primary' : 'none';
  }
}

function parsePosition(text: string): bigint {
  if (!/^\d{1,19}$/.test(text) || BigInt(text) > 9_223_372_036_854_775_807n)
    throw invalidField('X-Min-Position', 'must be a log position: digits, as in X-Log-Position');
  return BigInt(text);
}
