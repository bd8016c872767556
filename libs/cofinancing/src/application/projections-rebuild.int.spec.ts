import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BasisPoints } from '@ledger/money';
import { FourEyes } from '@ledger/four-eyes';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../../../apps/api/src/bootstrap';
import { cofinancingReadModels } from '../index';
import {
  AddMemberFirmCommand,
  AmendScheduleCommand,
  CancelGrantCommand,
  CloseGrantCommand,
  DisburseGrantCommand,
  RecordContributionCommand,
  RejectGrantCommand,
  ReverseDisbursementCommand,
  SetApprovalPolicyCommand,
} from './commands';
import { approve, context, enrol, mad, moroccanFund, proposeOrApprove, request } from './int-test-support';

// The context's read models, and the one proposals table (where its proposals are).
const TABLES = [...cofinancingReadModels.projections.flatMap((projection) => projection.tables), 'ledger_proposals'];

/** Every row of every co-financing read model, in a stable order. */
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

for (const kind of testDatabaseKinds()) {
  describe(`rebuilding the co-financing read models on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('gives read models identical to the live ones', async () => {
      const bus = app.get(CommandBus);
      const runtime = app.get(LedgerRuntime);
      const { fundId, windowId, donorId } = await moroccanFund(app, 2_000_000);
      await bus.execute(
        new RecordContributionCommand(
          {
            type: 'RecordContribution',
            fundId,
            contributionId: randomUUID(),
            donorId,
            amount: mad(350_000),
            receivedOn: '2021-07-01',
            reference: 'CONV-2',
          },
          context(),
        ),
      );
      await bus.execute(
        new AmendScheduleCommand(
          {
            type: 'AmendSchedule',
            fundId,
            windowId,
            amendedOn: '2022-06-01',
            schedule: {
              effectiveFrom: '2022-07-01',
              years: [7000, 5500, 4500].map((bp) => ({ rate: BasisPoints.of(bp), cap: mad(180_000) })),
              afterLastYear: { rule: 'floor-rate', rate: BasisPoints.of(2000), cap: mad(50_000) },
            },
          },
          context(),
        ),
      );
      const a = await enrol(app, 'Consortium A');
      const b = await enrol(app, 'Consortium B');
      await bus.execute(
        new AddMemberFirmCommand(
          {
            type: 'AddMemberFirm',
            beneficiaryId: a,
            firm: { firmId: randomUUID(), name: 'Nouvelle SARL', womenOwned: true },
            joinedOn: '2022-01-10',
          },
          context(),
        ),
      );

      // Closed after two invoices, rejected, cancelled before and after approval, open, year 2 and 4.
      const closed = await request(app, { fundId, windowId, beneficiaryId: a }, 120_000);
      await approve(app, closed);
      for (const [ref, amount] of [
        ['F1', 33_333n],
        ['F2', 50_000n],
      ] as const) {
        await bus.execute(
          new DisburseGrantCommand(
            {
              type: 'DisburseGrant',
              grantId: closed,
              disbursementId: randomUUID(),
              invoiceReference: ref,
              invoiceDate: '2021-07-01',
              invoiceAmount: mad(Number(amount)),
              disbursedOn: '2021-07-02',
            },
            context(),
          ),
        );
      }
      // A wrong invoice amount, corrected: reversed and replaced in one append.
      const mistaken = randomUUID();
      await bus.execute(
        new DisburseGrantCommand(
          {
            type: 'DisburseGrant',
            grantId: closed,
            disbursementId: mistaken,
            invoiceReference: 'F3',
            invoiceDate: '2021-08-01',
            invoiceAmount: mad(10_000),
            disbursedOn: '2021-08-02',
          },
          context(),
        ),
      );
      await bus.execute(
        new ReverseDisbursementCommand(
          {
            type: 'ReverseDisbursement',
            grantId: closed,
            disbursementId: mistaken,
            reason: 'wrong amount',
            correctedOn: '2021-09-01',
            replacement: {
              disbursementId: randomUUID(),
              invoiceReference: 'F3',
              invoiceDate: '2021-08-01',
              invoiceAmount: mad(8_000),
            },
          },
          context(),
        ),
      );
      await bus.execute(
        new CloseGrantCommand({ type: 'CloseGrant', grantId: closed, closedOn: '2021-12-31' }, context()),
      );
      const rejected = await request(app, { fundId, windowId, beneficiaryId: b }, 40_000);
      await bus.execute(
        new RejectGrantCommand(
          { type: 'RejectGrant', grantId: rejected, rejectedOn: '2021-06-05', reason: 'no' },
          context(),
        ),
      );
      const withdrawn = await request(app, { fundId, windowId, beneficiaryId: b }, 10_000);
      await bus.execute(
        new CancelGrantCommand(
          { type: 'CancelGrant', grantId: withdrawn, cancelledOn: '2021-06-05', reason: 'withdrawn' },
          context(),
        ),
      );
      const cancelled = await request(app, { fundId, windowId, beneficiaryId: b }, 60_000);
      await approve(app, cancelled);
      await bus.execute(
        new CancelGrantCommand(
          { type: 'CancelGrant', grantId: cancelled, cancelledOn: '2021-06-20', reason: 'fair cancelled' },
          context(),
        ),
      );
      const open = await request(app, { fundId, windowId, beneficiaryId: b }, 90_000, '2022-08-01');
      await approve(app, open, '2022-08-02');
      await approve(
        app,
        await request(app, { fundId, windowId, beneficiaryId: a }, 70_000, '2024-04-01'),
        '2024-04-02',
      );

      // Four-eyes on every action: proposals confirmed, declined and left pending, with their reservations.
      await bus.execute(
        new SetApprovalPolicyCommand(
          {
            type: 'SetFundApprovalPolicy',
            fundId,
            approveGrantAbove: mad(100_000),
            disburseAbove: mad(10_000),
            correctionsNeedSecondPerson: true,
            proposalTtlHours: 48,
            setOn: '2022-08-03',
          },
          context(),
        ),
      );
      const second = () => ({ ...context(), actor: 'int-test-second' });
      const invoice = (reference: string, major: number) =>
        new DisburseGrantCommand(
          {
            type: 'DisburseGrant',
            grantId: open,
            disbursementId: randomUUID(),
            invoiceReference: reference,
            invoiceDate: '2022-09-01',
            invoiceAmount: mad(major),
            disbursedOn: '2022-09-02',
          },
          context(),
        );
      // 55 % of 40 000 = 22 000 > 10 000: proposed, then confirmed by a second person.
      const paidLater = await bus.execute(invoice('G1', 40_000));
      if (!('proposalId' in paidLater)) throw new Error('expected a disbursement proposal');
      await app.get(FourEyes).confirm(paidLater.proposalId, second());
      const declined = await bus.execute(invoice('G2', 30_000));
      if (!('proposalId' in declined)) throw new Error('expected a disbursement proposal');
      await app.get(FourEyes).decline(declined.proposalId, 'no', second());
      // 55 % of 10 000 = 5 500: paid in one step; its correction waits for a second person.
      const small = await bus.execute(invoice('G3', 10_000));
      if (!('disbursementId' in small) || 'proposalId' in small) throw new Error('expected a payment');
      const correction = await bus.execute(
        new ReverseDisbursementCommand(
          {
            type: 'ReverseDisbursement',
            grantId: open,
            disbursementId: small.disbursementId,
            reason: 'wrong amount',
            correctedOn: '2022-10-01',
            replacement: {
              disbursementId: randomUUID(),
              invoiceReference: 'G3',
              invoiceDate: '2022-09-01',
              invoiceAmount: mad(12_000),
            },
          },
          context(),
        ),
      );
      expect(correction).toMatchObject({ status: 'pending', reserved: mad(1_100).toJSON() });
      // 75 % of 150 000 = 112 500 > 100 000: an approval left pending.
      const guarded = await request(app, { fundId, windowId, beneficiaryId: await enrol(app, 'C') }, 150_000);
      expect(await proposeOrApprove(app, guarded)).toMatchObject({ status: 'pending' });

      const runners = runtime.projections.filter(
        (runner) => runner.name.startsWith('cofinancing.') || runner.name === 'ledger.proposals',
      );
      expect(runners.map((r) => r.name).sort()).toEqual([
        'cofinancing.balances-as-of',
        'cofinancing.beneficiaries',
        'cofinancing.funds',
        'cofinancing.grants',
        'ledger.proposals',
      ]);
      const head = await runtime.store.headPosition();
      await runtime.waitForProjections(head);
      const live = await snapshot(runtime);
      expect(live.cofinancing_grants).toHaveLength(7);
      expect(live.cofinancing_disbursements).toHaveLength(6);
      expect(live.ledger_proposals).toHaveLength(4);
      expect(live.ledger_proposals.filter((row) => row.includes('"pending"'))).toHaveLength(2);

      // Lose every row behind the running projections' back: only a replay from 0 brings them back.
      for (const table of TABLES) await runtime.dataSource.query(`DELETE FROM ${table}`);
      expect(Object.values(await snapshot(runtime)).every((rows) => rows.length === 0)).toBe(true);
      await expect(runners[0].reset()).rejects.toThrow(/running/);
      for (const runner of runners) expect(await runner.rebuild()).toBe(head);

      expect(runners.every((runner) => runner.isRunning)).toBe(true);
      expect(await snapshot(runtime)).toEqual(live);
    });
  });
}
