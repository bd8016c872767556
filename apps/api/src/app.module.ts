import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  CommandAnswerInterceptor,
  LedgerExceptionFilter,
  LedgerPlatformModule,
  MinPositionInterceptor,
  loadLedgerConfig,
  type LedgerConfig,
} from '@ledger/platform';
import { AuditModule } from '@ledger/audit';
import { ledgerContexts } from '@ledger/contexts';
import { consoleModules } from './console-static';
import { HealthModule } from './health/health.module';

/**
 * The HTTP API: the shared runtime, each bounded context's module, health and OpenAPI. In the
 * `projector` role, only the runtime (which runs the projections) and health.
 */
@Module({})
export class AppModule {
  static forRoot(config: Partial<LedgerConfig> = {}): DynamicModule {
    const platform = LedgerPlatformModule.forRoot({
      contexts: ledgerContexts.map((context) => context.readModels),
      config,
    });
    const role = config.role ?? loadLedgerConfig().role;
    if (role === 'projector') return { module: AppModule, imports: [platform, HealthModule] };
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        platform,
        ...ledgerContexts.map((context) => context.module),
        // History, exports and the monitoring report: reads only, over the contexts' read models.
        AuditModule,
        HealthModule,
        // The web console (apps/console) at /console, same origin — not on a projector, which serves health only.
        ...consoleModules(),
      ],
      providers: [
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: CommandAnswerInterceptor },
        { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
      ],
    };
  }
}
