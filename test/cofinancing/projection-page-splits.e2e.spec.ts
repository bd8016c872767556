import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { DataSource, MigrationInterface } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import {
  AddMemberFirmCommand,
  CancelGrantCommand,
  CloseGrantCommand,
  DisburseGrantCommand,
  RecordContributionCommand,
  ReverseDisbursementCommand,
  cofinancingReadModels,
} from '@ledger/cofinancing';
import { approve, context, enrol, mad, moroccanFund, request } from '@ledger/cofinancing/testing';
import { createApp } from '../../apps/api/src/bootstrap';

// The co-financing read models but the proposals (another context's table).
const projections = cofinancingReadModels.projections.filter((p) => p.name.startsWith('cofinancing.'));
const tables = projections.flatMap((projection) => projection.tables);

/** The same log cut into pages at the given places (sorted, within 1..n-1). */
function pages(events: readonly RecordedEvent[], cuts: readonly number[]): RecordedEvent[][] {
  const at = [...new Set(cuts)].sort((a, b) => a - b);
  const out: RecordedEvent[][] = [];
  let from = 0;
  for (const cut of [...at, events.length]) {
    if (cut > from) out.push(events.slice(from, cut));
    from = cut;
  }
  return out;
}

for (const kind of testDatabaseKinds()) {
  describe(`co-financing projections applied a page at a time on ${kind}`, () => {
    let app: INestApplication;
    let dataSource: DataSource;
    let events: RecordedEvent[];
    const schema = `page_splits_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const { config, dropSchema } = testLedgerConfig(kind);

    /** Applies the pages (each in a transaction, as the runner does) to emptied tables and returns every row. */
    async function replay(split: readonly RecordedEvent[][]): Promise<Record<string, string[]>> {
      await dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL search_path TO ${schema}`);
        for (const table of tables) await manager.query(`DELETE FROM ${table}`);
      });
      for (const page of split) {
        await dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL search_path TO ${schema}`);
          for (const projection of projections as (Projection & {
            applyBatch: NonNullable<Projection['applyBatch']>;
          })[])
            await projection.applyBatch(page, manager);
        });
      }
      const out: Record<string, string[]> = {};
      for (const table of tables) {
        const rows: { row: string }[] = await dataSource.query(
          `SELECT to_jsonb(t)::text AS row FROM ${schema}.${table} t ORDER BY 1`,
        );
        out[table] = rows.map((r) => r.row);
      }
      return out;
    }

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      const runtime = app.get(LedgerRuntime);
      dataSource = runtime.dataSource;
      const bus = app.get(CommandBus);

      // A fund with two contributions, two beneficiaries (a firm added), grants approved, paid,
      // corrected (reversed and replaced in one append), closed, and cancelled after approval.
      const { fundId, windowId, donorId } = await moroccanFund(app, 1_000_000);
      await bus.execute(
        new RecordContributionCommand(
          {
            type: 'RecordContribution',
            fundId,
            contributionId: randomUUID(),
            donorId,
            amount: mad(250_000),
            receivedOn: '2021-07-01',
            reference: 'CONV-2',
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
            firm: { firmId: randomUUID(), name: 'Nouvelle SARL', womenOwned: null },
            joinedOn: '2021-06-10',
          },
          context(),
        ),
      );
      const grant = await request(app, { fundId, windowId, beneficiaryId: a }, 120_000);
      await approve(app, grant);
      const disburse = (disbursementId: string, reference: string, major: number) =>
        bus.execute(
          new DisburseGrantCommand(
            {
              type: 'DisburseGrant',
              grantId: grant,
              disbursementId,
              invoiceReference: reference,
              invoiceDate: '2021-07-01',
              invoiceAmount: mad(major),
              disbursedOn: '2021-07-02',
            },
            context(),
          ),
        );
      await disburse(randomUUID(), 'F1', 33_333);
      const mistaken = randomUUID();
      await disburse(mistaken, 'F2', 10_000);
      await bus.execute(
        new ReverseDisbursementCommand(
          {
            type: 'ReverseDisbursement',
            grantId: grant,
            disbursementId: mistaken,
            reason: 'wrong amount',
            correctedOn: '2021-09-01',
            replacement: {
              disbursementId: randomUUID(),
              invoiceReference: 'F2',
              invoiceDate: '2021-07-01',
              invoiceAmount: mad(8_000),
            },
          },
          context(),
        ),
      );
      await bus.execute(
        new CloseGrantCommand({ type: 'CloseGrant', grantId: grant, closedOn: '2021-12-31' }, context()),
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

      events = (await runtime.store.readAll({ maxCount: 10_000 })).filter((e) => e.type.startsWith('cofinancing.'));

      await dataSource.query(`CREATE SCHEMA ${schema}`);
      const runner = dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query(`SET LOCAL search_path TO ${schema}`);
        for (const Migration of cofinancingReadModels.migrations as unknown as (new () => MigrationInterface)[])
          await new Migration().up(runner);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
    });
    afterAll(async () => {
      await dataSource?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await closeTestApp(app, dropSchema);
    });

    it('leaves the rows that one event at a time leaves, however the log is cut into pages', async () => {
      expect(events.length).toBeGreaterThan(25);
      const oneByOne = await replay(events.map((event) => [event]));
      expect(oneByOne.cofinancing_disbursements.filter((row) => row.includes('"replaces": "'))).toHaveLength(1);
      expect(await replay([events])).toEqual(oneByOne);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: events.length - 1 }), { maxLength: 8 }), async (cuts) => {
          expect(await replay(pages(events, cuts))).toEqual(oneByOne);
        }),
        { numRuns: 15 },
      );
    }, 120_000);
  });
}
