import { QueryBus } from '@nestjs/cqrs';
import { closeTestApp, testDatabaseKinds, testLedgerConfig, testPrincipals } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { listen } from './reliability-support';

/**
 * Graceful shutdown: a handler still running when the service is told to stop — here one whose
 * client has already gone away, so closing the HTTP server does not wait for it — finishes on an
 * open database before the database is closed.
 */
for (const kind of testDatabaseKinds()) {
  describe(`shutdown with a handler in flight, on ${kind}`, () => {
    const { config, dropSchema } = testLedgerConfig(kind);

    afterAll(() => dropSchema());

    it('waits for the handler, whose client went away, before closing the database', async () => {
      const app = await createApp(config, { logger: false });
      let closedApp = false;
      try {
        const url = await listen(app);
        const principals = await testPrincipals(app);
        // Every context has its own query bus: hold the first query of any of them.
        const execute = QueryBus.prototype.execute;
        let entered!: () => void;
        const inHandler = new Promise<void>((resolve) => (entered = resolve));
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let outcome: string | null = null;
        jest.spyOn(QueryBus.prototype, 'execute').mockImplementationOnce(async function (this: QueryBus, query) {
          entered();
          await gate;
          try {
            const answer: unknown = await Reflect.apply(execute, this, [query]);
            outcome = 'answered';
            return answer;
          } catch (error) {
            outcome = (error as Error).message;
            throw error;
          }
        });

        const client = new AbortController();
        const call = fetch(`${url}/cofinancing/funds`, { headers: principals.fundManager, signal: client.signal });
        await inHandler;
        client.abort();
        await expect(call).rejects.toThrow();

        let closed = false;
        const closing = app.close().then(() => (closed = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        // Still waiting for the handler: the database is open.
        expect(closed).toBe(false);
        release();
        await closing;
        closedApp = true;
        // The query ran to its end on an open database (it would otherwise fail "Connection terminated").
        expect(outcome).toBe('answered');
      } finally {
        if (!closedApp) await closeTestApp(app, async () => undefined);
      }
    });
  });
}
