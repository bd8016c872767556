import type { INestApplication } from '@nestjs/common';
import { Clock } from '../clock';
import { LEDGER_CONFIG } from '../ledger-platform.module';
import type { LedgerConfig } from '../ledger-config';
import { RequestInputInterceptor } from './request-input';
import { ledgerValidationPipe } from './validation';

/**
 * The edge's input checks, on every route of `app`: the request-wide checks (depth, NUL and lone
 * surrogates, `__proto__` keys, X-Correlation-Id; RequestInputInterceptor), then the DTOs
 * (ledgerValidationPipe) with business dates in the configured window, "today" by the ledger's Clock.
 */
export function useLedgerInputChecks(app: INestApplication): void {
  const config = app.get<LedgerConfig>(LEDGER_CONFIG);
  const clock = app.get(Clock);
  app.useGlobalInterceptors(new RequestInputInterceptor());
  app.useGlobalPipes(
    ledgerValidationPipe({
      earliest: config.businessDateEarliest ?? '1900-01-01',
      maxDaysAhead: config.businessDateMaxDaysAhead ?? 1,
      now: () => clock.now(),
    }),
  );
}
