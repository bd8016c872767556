import type { INestApplication } from '@nestjs/common';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig, testPrincipals } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import {
  differences,
  listen,
  mixedLoad,
  readModelInvariants,
  rebuildCompare,
  replayInvariants,
  settle,
  setUpWorld,
  verify,
} from './reliability-support';

/**
 * 50 concurrent clients — fund managers and guarantee officers — issue a random mix of commands
 * (grant requests, approvals, rejections, disbursements, closures on three funds; issuances,
 * repayments, calls, claim payments, recoveries and deposits under two conventions) for a bounded
 * time. Funds and caps are small enough that refusals (fund insufficient, cap exceeded, headroom
 * exhausted) and optimistic-concurrency retries happen all the time. Afterwards: no answer was a
 * 5xx, every invariant holds in the read models and in a replay of the log, the read models equal
 * a rebuild, and the ledger verifies.
 */
const LOAD_MS = 8_000;

for (const kind of testDatabaseKinds()) {
  describe(`50 concurrent clients issuing mixed commands, on ${kind}`, () => {
    let app: INestApplication;
    let runtime: LedgerRuntime;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      process.env.RATE_LIMIT_PER_MINUTE = '1000000';
      app = await createApp(config, { logger: false });
      runtime = app.get(LedgerRuntime);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('keeps every invariant, and read models equal to a rebuild', async () => {
      const base = await listen(app);
      const principals = await testPrincipals(app);
      const world = await setUpWorld(base, principals);

      const load = await mixedLoad(base, principals, world, { clients: 50, durationMs: LOAD_MS });
      expect(load.serverErrors).toEqual([]);
      // The load did something: commands went through, and some were refused by the rules.
      expect(load.acknowledged.length).toBeGreaterThan(50);
      expect(Object.keys(load.byStatus).some((status) => status.startsWith('4'))).toBe(true);

      await settle(runtime);
      const replay = await replayInvariants(runtime);
      expect(replay.problems).toEqual([]);
      expect(await readModelInvariants(runtime, replay)).toEqual([]);

      const rebuilt = await rebuildCompare(runtime);
      expect(differences(rebuilt)).toEqual([]);
      expect(rebuilt.identical).toBe(true);
      const verified = await verify(runtime);
      expect(verified.firstBroken).toBeNull();
      expect(verified.ok).toBe(true);
      expect(BigInt(verified.headPosition)).toBe(BigInt(replay.events));
    });
  });
}
