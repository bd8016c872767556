import request from 'supertest';
import { testDatabaseKinds, testPrincipals } from '@ledger/testing';
import { hotStreamRaces } from '../reliability/hot-streams';
import {
  differences,
  readModelInvariants,
  rebuildCompare,
  replayInvariants,
  settle,
  verify,
} from '../reliability/reliability-support';
import { LedgerOnKurrentDbFake } from './ledger-on-fake';

/**
 * The races of both contexts with the events in KurrentDB (the protocol fake), read models in
 * PostgreSQL — the same tests as on the SQL stores (test/reliability/hot-streams.e2e.spec.ts) —
 * then the log they left checked as an auditor would: every read model rebuilt from the log and
 * compared with the live one, the log verified (the CLI's `verify` and GET /audit/verification),
 * and the invariants replayed from the events alone.
 */
for (const kind of testDatabaseKinds()) {
  describe(`hot streams through HTTP, events in KurrentDB (fake), read models on ${kind}`, () => {
    const ledger = new LedgerOnKurrentDbFake(kind);
    beforeAll(() => ledger.start());
    afterAll(() => ledger.stop());

    hotStreamRaces(() => ledger.app);

    it('rebuilds every read model from the log identical to the live ones', async () => {
      const head = await settle(ledger.runtime);
      const report = await rebuildCompare(ledger.runtime);
      expect(differences(report)).toEqual([]);
      expect(report.identical).toBe(true);
      for (const projection of report.projections) expect(projection.position).toBe(head.toString());
    });

    it('verifies the log the races left: as `ledger verify` does, and through GET /audit/verification', async () => {
      await settle(ledger.runtime);
      const report = await verify(ledger.runtime);
      const { auditor } = await testPrincipals(ledger.app);
      const answer = await request(ledger.app.getHttpServer()).get('/audit/verification').set(auditor);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        ok: report.ok,
        eventsChecked: report.eventsChecked,
        firstBroken: report.firstBroken,
      });
      expect(report).toMatchObject({ ok: true, firstBroken: null, evidence: 'stream-chain' });
      expect(report.eventsChecked).toBeGreaterThan(300);
      // What a per-stream chain cannot show is said, not hidden.
      expect(report.limits.join('\n')).toMatch(/not 1, 2, 3/);
    });

    it('holds every invariant replayed from the events alone, and the read models agree with the replay', async () => {
      await settle(ledger.runtime);
      const replay = await replayInvariants(ledger.runtime);
      expect(replay.problems).toEqual([]);
      expect(await readModelInvariants(ledger.runtime, replay)).toEqual([]);
    });

    // Last: it alters the log.
    it('names an event whose data was altered in the store (per-stream chain in its metadata)', async () => {
      await settle(ledger.runtime);
      const [victim] = (await ledger.runtime.store.readAll({ maxCount: 400 })).filter(
        (event) => event.type === 'cofinancing.GrantApproved',
      );
      ledger.fake.alterData(`ledger.${victim.streamId}`, victim.revision, { ...victim.data, tampered: true });
      const report = await verify(ledger.runtime);
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({
        position: victim.position.toString(),
        streamId: victim.streamId,
        revision: victim.revision.toString(),
        reason: expect.stringMatching(/does not match its chain hash/),
      });
    });
  });
}
