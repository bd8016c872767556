import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BasisPoints } from '@ledger/money';
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
} from './commands';
import { approve, context, enrol, mad, moroccanFund, request } from './int-test-support';

const TABLES = cofinancingReadModels.projections.flatMap((projection) => projection.tables);

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
      await approve(
        app,
        await request(app, { fundId, windowId, beneficiaryId: b }, 90_000, '2022-08-01'),
        '2022-08-02',
      );
      await approve(
        app,
        await request(app, { fundId, windowId, beneficiaryId: a }, 70_000, '2024-04-01'),
        '2024-04-02',
      );

      const runners = runtime.projections.filter((runner) => runner.name.startsWith('cofinancing.'));
      expect(runners.map((r) => r.name).sort()).toEqual([
        'cofinancing.balances-as-of',
        'cofinancing.beneficiaries',
        'cofinancing.funds',
        'cofinancing.grants',
        'cofinancing.proposals',
      ]);
      const head = await runtime.store.headPosition();
      await runtime.waitForProjections(head);
      const live = await snapshot(runtime);
      expect(live.cofinancing_grants).toHaveLength(6);
      expect(live.cofinancing_disbursements).toHaveLength(4);

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
