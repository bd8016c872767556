import type { INestApplication } from '@nestjs/common';
import { LedgerRuntime, type LedgerConfig } from '@ledger/platform';
import { closeTestApp, testLedgerConfig, type TestDatabaseKind } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { startKurrentDbFake, type KurrentDbFake } from '../kurrentdb-fake/kurrentdb-fake';

/**
 * The whole service with its events in a fresh KurrentDB protocol fake (test/kurrentdb-fake) and its
 * read models, checkpoints and snapshots in PostgreSQL: the embedded PGlite in memory, or a schema
 * of its own on the server (`kind`). One per `describe`: `start()` in `beforeAll`, `stop()` in
 * `afterAll`. The app listens on 127.0.0.1 (an ephemeral port).
 */
export class LedgerOnKurrentDbFake {
  private readonly settings: ReturnType<typeof testLedgerConfig>;
  private started: { fake: KurrentDbFake; app: INestApplication } | undefined;
  private fakeToStop: KurrentDbFake | undefined;

  constructor(
    readonly kind: TestDatabaseKind,
    private readonly overrides: Partial<LedgerConfig> = {},
  ) {
    this.settings = testLedgerConfig(kind);
  }

  async start(): Promise<void> {
    const fake = await startKurrentDbFake();
    this.fakeToStop = fake;
    const app = await createApp(
      { ...this.settings.config, ...this.overrides, kurrentDbConnectionString: fake.connectionString },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    this.started = { fake, app };
  }

  async stop(): Promise<void> {
    try {
      await closeTestApp(this.started?.app, this.settings.dropSchema);
    } finally {
      await this.fakeToStop?.stop();
    }
  }

  get fake(): KurrentDbFake {
    return this.ready().fake;
  }

  get app(): INestApplication {
    return this.ready().app;
  }

  get runtime(): LedgerRuntime {
    return this.app.get(LedgerRuntime);
  }

  private ready() {
    if (!this.started) throw new Error('the ledger on the KurrentDB fake is not started (call start() in beforeAll)');
    return this.started;
  }
}
