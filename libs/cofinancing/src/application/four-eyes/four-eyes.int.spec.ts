import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../../../../apps/api/src/bootstrap';
import { cofinancingReadModels } from '../../index';
import { FundInsufficient, streamIds, fundModel, type FundState } from '../../domain';
import { CofinancingBalancesAsOf } from '../as-of';
import { SetApprovalPolicyCommand } from '../commands';
import { context, enrol, mad, moroccanFund, proposeOrApprove, request } from '../int-test-support';

// The context's read models, and the one proposals table (its co-financing rows are these proposals).
const TABLES = [...cofinancingReadModels.projections.flatMap((projection) => projection.tables), 'ledger_proposals'];

async function snapshot(runtime: LedgerRuntime): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows: { row: string }[] = await runtime.dataSource.query(
      `SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

/**
 * Four-eyes reservations against the real database: proposals reserve in the fund stream (and
 * the cap) in the same optimistic-concurrency append as approvals do, so twenty simultaneous
 * proposals never reserve more than the fund holds; the read models (pending proposals included)
 * rebuild identical; the as-of balances ignore reservations (they are not balances).
 */
for (const kind of testDatabaseKinds()) {
  describe(`four-eyes reservations on ${kind}`, () => {
    let app: INestApplication;
    let runtime: LedgerRuntime;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      runtime = app.get(LedgerRuntime);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('20 simultaneous proposals of 75 000 MAD on 1 000 000 available: exactly 13 pending, 7 refused', async () => {
      const { fundId, windowId } = await moroccanFund(app, 1_000_000);
      await app.get(CommandBus).execute(
        new SetApprovalPolicyCommand(
          {
            type: 'SetFundApprovalPolicy',
            fundId,
            approveGrantAbove: mad(50_000),
            disburseAbove: null,
            correctionsNeedSecondPerson: false,
            proposalTtlHours: 24,
            setOn: '2021-01-01',
          },
          context(),
        ),
      );
      const grants: string[] = [];
      for (let i = 0; i < 20; i++) {
        const beneficiaryId = await enrol(app, `Consortium ${i}`);
        // 75 % of 100 000 MAD = 75 000 MAD, above the 50 000 threshold.
        grants.push(await request(app, { fundId, windowId, beneficiaryId }, 100_000));
      }

      const outcomes = await Promise.allSettled(grants.map((grantId) => proposeOrApprove(app, grantId)));

      const pending = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(pending).toHaveLength(13);
      for (const answer of pending) expect(answer).toMatchObject({ status: 'pending', reserved: mad(75_000).toJSON() });
      expect(refused).toHaveLength(7);
      for (const error of refused) {
        expect(error).toBeInstanceOf(FundInsufficient);
        const insufficient = error as FundInsufficient;
        expect(insufficient.reserved.equals(mad(975_000))).toBe(true);
        expect(insufficient.available.equals(mad(25_000))).toBe(true);
      }

      // The fund stream replayed from its first event: 975 000 reserved, nothing committed.
      const events = await runtime.store.readStream(streamIds.fund(fundId));
      const fund = events
        .map((e) => fundModel.catalog.decode(e))
        .reduce(fundModel.evolve, { status: 'none' } as FundState);
      if (fund.status !== 'open') throw new Error('fund missing');
      expect(fund.committed.isZero()).toBe(true);
      expect(Object.keys(fund.reservations)).toHaveLength(13);

      // Reservations are not balances: as of today, nothing is committed and everything is available.
      await runtime.catchUpProjections();
      const asOf = await app.get(CofinancingBalancesAsOf).fund(fundId);
      expect(asOf).toMatchObject({ committed: mad(0).toJSON(), available: mad(1_000_000).toJSON() });

      // Rebuilt from the log, with proposals pending, every read model equals the live one.
      const live = await snapshot(runtime);
      expect(live.ledger_proposals.filter((row) => row.includes('"pending"'))).toHaveLength(13);
      const head = await runtime.store.headPosition();
      const rebuilt = (name: string) => name.startsWith('cofinancing.') || name === 'ledger.proposals';
      for (const runner of runtime.projections.filter((r) => rebuilt(r.name)))
        expect(await runner.rebuild()).toBe(head);
      expect(await snapshot(runtime)).toEqual(live);
    });
  });
}
