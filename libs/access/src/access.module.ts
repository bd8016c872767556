import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { WindowedThrottlerStorage } from './application/windowed-throttler.storage';
import { LedgerRuntime } from '@ledger/platform';
import { loadAccessConfig } from './access-config';
import { AccessGuard } from './application/access.guard';
import { AccessService } from './application/access.service';
import { AccessStore } from './application/access.store';
import { ACCESS_CONFIG, AdminKeyBootstrap } from './application/admin-key.bootstrap';
import { DenialLog } from './application/denial-log';
import { AccessRecordsController } from './application/http/access-records.controller';
import { ApiKeysController } from './application/http/api-keys.controller';
import { UsersController } from './application/http/users.controller';
import { LedgerThrottlerGuard } from './application/ledger-throttler.guard';

/**
 * Authentication (API keys), authorization (roles, bank scope), rate limiting and the record of
 * denied attempts, as one global guard; the admin endpoints under `/access`; and the first admin
 * key on a fresh ledger. Settings are read from the environment when the app is built.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      useFactory: () => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: loadAccessConfig().rateLimitPerMinute }],
        storage: new WindowedThrottlerStorage(),
        // One budget per key (or IP) across all routes, not one per route as the default key would give.
        generateKey: (_context: unknown, tracker: string, throttler: string) => `${throttler}:${tracker}`,
      }),
    }),
  ],
  controllers: [UsersController, ApiKeysController, AccessRecordsController],
  providers: [
    { provide: ACCESS_CONFIG, useFactory: () => loadAccessConfig() },
    {
      provide: AccessStore,
      useFactory: (runtime: LedgerRuntime) => new AccessStore(runtime.dataSource),
      inject: [LedgerRuntime],
    },
    AccessService,
    DenialLog,
    LedgerThrottlerGuard,
    AccessGuard,
    { provide: APP_GUARD, useExisting: AccessGuard },
    AdminKeyBootstrap,
  ],
  exports: [AccessService],
})
export class AccessModule {}
