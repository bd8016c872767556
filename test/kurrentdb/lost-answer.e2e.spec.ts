import { testDatabaseKinds } from '@ledger/testing';
import { lostAnswerTests } from '../reliability/lost-answer';
import { LedgerOnKurrentDbFake } from './ledger-on-fake';

/**
 * The lost answer with the events in KurrentDB (the protocol fake), read models in PostgreSQL: the
 * same test as the SQL stores' (test/reliability/lost-answer.e2e.spec.ts), with the server's
 * event-id dedupe cache forgotten before every retry, as a KurrentDB restart does. The command's
 * record is a stream appended with `no_stream` in the command's own multi-stream append, so the
 * retries are answered from it, never from that cache.
 */
for (const kind of testDatabaseKinds()) {
  describe(`a lost answer and its retries through HTTP, events in KurrentDB (fake), read models on ${kind}`, () => {
    const ledger = new LedgerOnKurrentDbFake(kind);
    beforeAll(() => ledger.start());
    afterAll(() => ledger.stop());

    lostAnswerTests(() => ({ app: ledger.app, betweenRetries: () => ledger.fake.forgetDedupeCache() }));
  });
}
