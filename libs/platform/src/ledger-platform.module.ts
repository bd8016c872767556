import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CommandPipeline, EventSourcedRepository, IdempotencyStore } from '@ledger/event-sourcing';
import { InFlightRequests } from './http/in-flight-requests';
import { loadLedgerConfig, type LedgerConfig } from './ledger-config';
import { LEDGER_SETTINGS, validateLedgerSettings } from './ledger-settings';
import { Clock } from './clock';
import { LedgerRuntime } from './ledger-runtime';
import type { ContextReadModels } from './read-model-registry';

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');

/** How long shutdown waits for handlers still running (their client may be gone) before closing the database. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Starts the projections once the app is up. On shutdown — after the HTTP server has stopped
 * accepting and its open requests are answered — waits for the handlers still running, then closes
 * the runtime (projections at a committed page, then the database).
 */
@Injectable()
class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly inFlight: InFlightRequests,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // An API-only replica follows the projections another process applies (read-your-writes).
    if (this.config.runProjections || this.config.role === 'api') await this.runtime.startProjections();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!(await this.inFlight.drained(DRAIN_TIMEOUT_MS)))
      this.logger.warn(`closing with ${this.inFlight.count} request(s) still running after ${DRAIN_TIMEOUT_MS} ms`);
    await this.runtime.close();
  }
}

export interface LedgerPlatformOptions {
  readonly contexts: readonly ContextReadModels[];
  /** Overrides the environment (tests). */
  readonly config?: Partial<LedgerConfig>;
}

/** The shared runtime as a global Nest module: config, event store, repository, read models. */
@Global()
@Module({})
export class LedgerPlatformModule {
  static forRoot(options: LedgerPlatformOptions): DynamicModule {
    return {
      module: LedgerPlatformModule,
      // The environment, validated against the settings' schema: a malformed or unknown setting stops the start.
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: validateLedgerSettings, cache: true })],
      providers: [
        {
          provide: LEDGER_CONFIG,
          useFactory: (settings: ConfigService) => ({ ...loadLedgerConfig(settingsOf(settings)), ...options.config }),
          inject: [ConfigService],
        },
        {
          provide: LedgerRuntime,
          useFactory: (config: LedgerConfig) => LedgerRuntime.open(config, options.contexts, new Logger('Ledger')),
          inject: [LEDGER_CONFIG],
        },
        { provide: EVENT_STORE, useFactory: (runtime: LedgerRuntime) => runtime.store, inject: [LedgerRuntime] },
        {
          provide: EventSourcedRepository,
          useFactory: (runtime: LedgerRuntime) => runtime.repository,
          inject: [LedgerRuntime],
        },
        { provide: CommandPipeline, useFactory: (runtime: LedgerRuntime) => runtime.pipeline, inject: [LedgerRuntime] },
        // Queries may read the read pool (DATABASE_READ_URL); everything else gets the primary.
        {
          provide: DataSource,
          useFactory: (runtime: LedgerRuntime) => runtime.queryDataSource,
          inject: [LedgerRuntime],
        },
        {
          provide: IdempotencyStore,
          useFactory: (runtime: LedgerRuntime) => runtime.idempotency,
          inject: [LedgerRuntime],
        },
        LedgerLifecycle,
        Clock,
        InFlightRequests,
        { provide: APP_INTERCEPTOR, useExisting: InFlightRequests },
      ],
      exports: [
        ConfigModule,
        LEDGER_CONFIG,
        Clock,
        LedgerRuntime,
        EVENT_STORE,
        EventSourcedRepository,
        CommandPipeline,
        DataSource,
        IdempotencyStore,
      ],
    };
  }
}

/** The ledger's settings as ConfigService holds them (validated). */
function settingsOf(settings: ConfigService): Record<string, string> {
  const entries = LEDGER_SETTINGS.map(({ name }) => [name, settings.get<string>(name)] as const);
  return Object.fromEntries(entries.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}
