import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { LEDGER_CONFIG, type LedgerConfig } from '@ledger/platform';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { createApp } from '../apps/api/src/bootstrap';

/**
 * The service reads its settings through @nestjs/config with the ledger's schema: a typo or a
 * malformed value in the environment stops the start, naming the setting; valid ones reach
 * LEDGER_CONFIG through the ConfigService.
 */
for (const kind of testDatabaseKinds()) {
  describe(`starting the service on ${kind}`, () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    });

    it.each([
      ['LEDGER_ROEL', 'api', /LEDGER_ROEL is not a setting of the ledger \(did you mean LEDGER_ROLE\?\)/],
      ['LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD', 'soon', /LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD must be a whole number/],
      ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be true, false, a hop count/],
    ])('fails with %s=%s, naming it', async (name, value, message) => {
      const { config, dropSchema } = testLedgerConfig(kind);
      process.env[name] = value;
      let app: INestApplication | undefined;
      try {
        // The modules createApp builds; role given, so nothing reads the environment before the
        // ConfigModule does. abortOnError off: Nest would exit the process, as it does at a real start.
        await expect(
          NestFactory.create(AppModule.forRoot({ ...config, role: 'all' }), {
            logger: false,
            abortOnError: false,
          }).then((created) => (app = created)),
        ).rejects.toThrow(message);
      } finally {
        await closeTestApp(app, dropSchema);
      }
    });

    it('hands valid settings to LEDGER_CONFIG through the ConfigService', async () => {
      const { config, dropSchema } = testLedgerConfig(kind);
      process.env.LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD = '3';
      process.env.TRUST_PROXY = '1';
      let app: INestApplication | undefined;
      try {
        app = await createApp({ ...config, role: 'all' }, { logger: false });
        await app.init();
        expect(app.get(ConfigService).get('TRUST_PROXY')).toBe('1');
        expect(app.get<LedgerConfig>(LEDGER_CONFIG)).toMatchObject({ trustProxy: 1, businessDateMaxDaysAhead: 3 });
      } finally {
        await closeTestApp(app, dropSchema);
      }
    });
  });
}
