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
import { EventSourcedRepository, IdempotencyStore } from '@ledger/event-sourcing';
import { loadLedgerConfig, type LedgerConfig } from './ledger-config';
import { Clock } from './clock';
import { LedgerRuntime } from './ledger-runtime';
import type { ContextReadModels } from './read-model-registry';

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Starts the projections once the app is up, and closes the runtime (in order) on shutdown. */
@Injectable()
class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: LedgerRuntime,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runProjections) await this.runtime.startProjections();
  }

  async onApplicationShutdown(): Promise<void> {
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
      providers: [
        { provide: LEDGER_CONFIG, useFactory: () => ({ ...loadLedgerConfig(), ...options.config }) },
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
        {
          provide: IdempotencyStore,
          useFactory: (runtime: LedgerRuntime) => runtime.idempotency,
          inject: [LedgerRuntime],
        },
        LedgerLifecycle,
        Clock,
      ],
      exports: [LEDGER_CONFIG, Clock, LedgerRuntime, EVENT_STORE, EventSourcedRepository, IdempotencyStore],
    };
  }
}
