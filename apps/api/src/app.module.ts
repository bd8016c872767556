import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  CommandAnswerInterceptor,
  LedgerExceptionFilter,
  LedgerPlatformModule,
  type LedgerConfig,
} from '@ledger/platform';
import { AuditModule } from '@ledger/audit';
import { HealthController } from './health/health.controller';
import { ledgerContexts } from '@ledger/contexts';

/** The HTTP API: the shared runtime, each bounded context's module, health and OpenAPI. */
@Module({})
export class AppModule {
  static forRoot(config: Partial<LedgerConfig> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LedgerPlatformModule.forRoot({ contexts: ledgerContexts.map((context) => context.readModels), config }),
        ...ledgerContexts.map((context) => context.module),
        // History, exports and the monitoring report: reads only, over the contexts' read models.
        AuditModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: CommandAnswerInterceptor },
      ],
    };
  }
}
