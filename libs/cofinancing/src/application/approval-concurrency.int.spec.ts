import type { INestApplication } from '@nestjs/common';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { LedgerRuntime } from '@ledger/platform';
import { Money } from '@ledger/money';
import { createApp } from '../../../../apps/api/src/bootstrap';
import {
  CapExceeded,
  FundInsufficient,
  beneficiaryCatalog,
  streamIds,
  capKey,
  evolveBeneficiary,
  evolveFund,
  fundCatalog,
  type BeneficiaryState,
  type FundState,
} from '../domain';
import { GetBeneficiaryQuery, GetFundQuery } from './queries';
import { QueryBus } from '@nestjs/cqrs';
import { approve, enrol, mad, moroccanFund, request } from './int-test-support';

/**
 * Many approvals at once against the real database: the fund, and a beneficiary's cap, are each
 * a stream whose revision every approval checks when it appends; the losers of a race decide
 * again on fresh state. Exactly what can be afforded is approved, and nothing more.
 */
for (const kind of testDatabaseKinds()) {
  describe(`simultaneous approvals on ${kind}`, () => {
    let app: INestApplication;
    let runtime: LedgerRuntime;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      runtime = app.get(LedgerRuntime);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    /** The fund as a replay of its stream from the first event (no snapshot). */
    async function replayFund(fundId: string): Promise<FundState> {
      const events = await runtime.store.readStream(streamIds.fund(fundId));
      return events.map((e) => fundCatalog.decode(e)).reduce(evolveFund, { status: 'none' } as FundState);
    }

    async function replayBeneficiary(id: string): Promise<BeneficiaryState> {
      const events = await runtime.store.readStream(streamIds.beneficiary(id));
      return events
        .map((e) => beneficiaryCatalog.decode(e))
        .reduce(evolveBeneficiary, { status: 'none' } as BeneficiaryState);
    }

    it('a fund of 1 000 000 MAD approves exactly 13 of 20 simultaneous 75 000 MAD subsidies', async () => {
      const { fundId, windowId } = await moroccanFund(app, 1_000_000);
      const grants: string[] = [];
      for (let i = 0; i < 20; i++) {
        const beneficiaryId = await enrol(app, `Consortium ${i}`);
        grants.push(await request(app, { fundId, windowId, beneficiaryId }, 100_000)); // 75 % → 75 000
      }

      const outcomes = await Promise.allSettled(grants.map((grantId) => approve(app, grantId)));

      const approved = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused.map((o) => o.reason)).toEqual(refused.map(() => expect.any(FundInsufficient)));
      expect(approved).toHaveLength(13); // floor(1 000 000 / 75 000)
      for (const o of approved) expect(o.status === 'fulfilled' && o.value.subsidy).toEqual(mad(75_000).toJSON());

      const replayed = await replayFund(fundId);
      if (replayed.status !== 'open') throw new Error('fund missing');
      expect(replayed.committed.equals(mad(975_000))).toBe(true);
      const available = replayed.contributed.minus(replayed.committed);
      expect(available.equals(mad(25_000))).toBe(true);
      expect(available.isNegative()).toBe(false);

      // Every FundsCommitted event saw a non-negative balance after it, in log order.
      const log = (await runtime.store.readStream(streamIds.fund(fundId))).map((e) => fundCatalog.decode(e));
      for (const event of log) {
        if (event.type === 'cofinancing.FundsCommitted') expect(event.availableAfter.isNegative()).toBe(false);
      }

      await runtime.catchUpProjections();
      const view = await app.get(QueryBus).execute(new GetFundQuery(fundId));
      expect(view.committed).toEqual(replayed.committed.toJSON());
      expect(view.contributed).toEqual(replayed.contributed.toJSON());
      expect(view.available).toEqual(available.toJSON());
      expect(view.grantsApproved).toBe(13);
    });

    it('a consortium’s 200 000 MAD cap is never exceeded by 10 simultaneous approvals', async () => {
      const { fundId, windowId } = await moroccanFund(app, 10_000_000);
      const beneficiaryId = await enrol(app, 'Consortium Fonoon');
      const grants: string[] = [];
      for (let i = 0; i < 10; i++) grants.push(await request(app, { fundId, windowId, beneficiaryId }, 80_000)); // 60 000 each

      const outcomes = await Promise.allSettled(grants.map((grantId) => approve(app, grantId)));

      const subsidies = outcomes.flatMap((o) =>
        o.status === 'fulfilled' ? [BigInt(o.value.subsidy.amountMinor)] : [],
      );
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused.map((o) => o.reason)).toEqual(refused.map(() => expect.any(CapExceeded)));
      // Three at 60 000, one at the 20 000 left, six refused: exactly the cap.
      expect(subsidies.sort((a, b) => (a < b ? -1 : 1))).toEqual([2_000_000n, 6_000_000n, 6_000_000n, 6_000_000n]);
      expect(refused).toHaveLength(6);

      const replayed = await replayBeneficiary(beneficiaryId);
      if (replayed.status !== 'enrolled') throw new Error('beneficiary missing');
      expect(replayed.capUsed[capKey(windowId, 1)].equals(mad(200_000))).toBe(true);
      const fund = await replayFund(fundId);
      expect(fund.status === 'open' && fund.committed.equals(mad(200_000))).toBe(true);

      await runtime.catchUpProjections();
      const view = await app.get(QueryBus).execute(new GetBeneficiaryQuery(beneficiaryId));
      expect(view.years).toEqual([
        expect.objectContaining({
          participationYear: 1,
          grantsApproved: 4,
          subsidy: mad(200_000).toJSON(),
          eligibleCost: mad(320_000).toJSON(),
        }),
      ]);
      expect(Money.parseMinor(view.years[0].ownShare.amountMinor, 'MAD').equals(mad(120_000))).toBe(true);
    });
  });
}
