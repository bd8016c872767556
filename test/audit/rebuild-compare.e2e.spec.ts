import type { INestApplication } from '@nestjs/common';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { ledgerContexts } from '@ledger/contexts';
// The contexts' own integration set-ups drive real commands through the command bus.
import { approve, enrol, moroccanFund, request } from '@ledger/cofinancing/testing';
import { senegalCompany } from '@ledger/guarantees/testing';
import { CommandBus } from '@nestjs/cqrs';
import { rebuildAndCompare } from '@ledger/audit';

for (const kind of testDatabaseKinds()) {
  describe(`rebuild and compare on ${kind}`, () => {
    let app: INestApplication;
    let runtime: LedgerRuntime;
    const { config, dropSchema } = testLedgerConfig(kind);
    const readModels = {
      migrations: ledgerContexts.flatMap((context) => context.readModels.migrations as never[]),
      projections: ledgerContexts.flatMap((context) => context.readModels.projections),
    };

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      runtime = app.get(LedgerRuntime);
      const fund = await moroccanFund(app, 1_000_000);
      for (const name of ['Consortium Textile Casablanca', 'Consortium Agrumes Souss']) {
        const beneficiaryId = await enrol(app, name);
        await approve(app, await request(app, { ...fund, beneficiaryId }, 180_000));
      }
      await senegalCompany(app.get(CommandBus), 3);
      await runtime.waitForProjections(await runtime.store.headPosition());
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('rebuilds every read model into a fresh schema and finds it identical to the live one', async () => {
      const head = await runtime.store.headPosition();
      const progress: bigint[] = [];
      const report = await rebuildAndCompare(runtime.dataSource, runtime.store, runtime.database.schema, readModels, {
        onProgress: (_, position) => progress.push(position),
      });
      expect(report.identical).toBe(true);
      expect(report.projections.map((p) => p.projection).sort()).toEqual(runtime.projections.map((r) => r.name).sort());
      for (const projection of report.projections) expect(projection.position).toBe(head.toString());
      const rows = report.projections.flatMap((p) => p.tables).reduce((sum, table) => sum + table.liveRows, 0);
      expect(rows).toBeGreaterThan(10);
      expect(progress.length).toBeGreaterThan(0);
      const schemas: unknown[] = await runtime.dataSource.query(
        'SELECT schema_name FROM information_schema.schemata WHERE schema_name = $1',
        [report.schema],
      );
      expect(schemas).toEqual([]);
    });

    it('reports a live row that the events do not explain', async () => {
      await runtime.dataSource.query('UPDATE cofinancing_funds SET contributed = contributed + 1');
      const report = await rebuildAndCompare(runtime.dataSource, runtime.store, runtime.database.schema, readModels);
      expect(report.identical).toBe(false);
      const funds = report.projections.flatMap((p) => p.tables).find((table) => table.table === 'cofinancing_funds');
      expect(funds).toMatchObject({ onlyLive: 1, onlyRebuilt: 1 });
      expect(funds?.samples.map((sample) => sample.side).sort()).toEqual(['live', 'rebuilt']);
      const others = report.projections.flatMap((p) => p.tables).filter((table) => table.table !== 'cofinancing_funds');
      for (const table of others) expect(table.onlyLive + table.onlyRebuilt).toBe(0);
    });
  });
}
