import request from 'supertest';
import { testDatabaseKinds } from '@ledger/testing';
import { moroccanConsortium, openAuditApp, senegalGuarantees, type AuditTestApp } from './audit-support';
import type { AuditEventView, GlobalPage, StreamPage } from '@ledger/audit';

for (const kind of testDatabaseKinds()) {
  describe(`the audit history on ${kind}`, () => {
    let t: AuditTestApp;
    let grantId: string;

    beforeAll(async () => {
      t = await openAuditApp(kind);
      const morocco = await moroccanConsortium(t.app);
      grantId = morocco.grants[0];
      await senegalGuarantees(t.app);
    });
    afterAll(() => t.close());

    async function allPages(query: string, limit: number): Promise<{ pages: GlobalPage[]; items: AuditEventView[] }> {
      const pages: GlobalPage[] = [];
      let after = '0';
      for (;;) {
        const page = (await t.get(`/audit/events?after=${after}&limit=${limit}${query}`).expect(200))
          .body as GlobalPage;
        pages.push(page);
        after = page.nextAfter;
        if (!page.hasMore) break;
      }
      return { pages, items: pages.flatMap((page) => page.items) };
    }

    it('pages through the whole log: every event exactly once, in global order, with its metadata', async () => {
      const head = await t.runtime.store.headPosition();
      expect(head).toBeGreaterThan(40n);
      const { pages, items } = await allPages('', 7);
      expect(pages.length).toBe(Math.ceil(Number(head) / 7));
      expect(items.map((item) => item.position)).toEqual(
        Array.from({ length: Number(head) }, (_, index) => String(index + 1)),
      );
      const stored = await t.runtime.store.readAll({ maxCount: 10_000 });
      expect(items.map((item) => item.id)).toEqual(stored.map((event) => event.id));
      const approval = items.find((item) => item.type === 'cofinancing.GrantApproved');
      expect(approval).toMatchObject({
        streamId: `cofinancing-grant-${grantId}`,
        revision: '1',
        schemaVersion: 1,
        actor: 'int-test',
        role: 'manager',
        causationId: null,
        idempotencyKey: null,
        data: { grantId, subsidy: { amountMinor: '13500000', currency: 'MAD' } },
      });
      expect(approval?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(approval?.businessTime).toBe('2021-05-10T00:00:00.000Z');
      expect(new Date(approval?.recordedAt ?? '').getTime()).toBeGreaterThan(0);
      expect(typeof approval?.correlationId).toBe('string');
    });

    it('filters by type and by stream prefix, still in order and each event once', async () => {
      const byType = await allPages('&type=cofinancing.GrantApproved', 2);
      expect(byType.items).toHaveLength(3);
      expect(byType.items.every((item) => item.type === 'cofinancing.GrantApproved')).toBe(true);
      const guarantees = await allPages('&streamPrefix=guarantees.guarantee-', 5);
      const stored = (await t.runtime.store.readAll({ maxCount: 10_000 })).filter((event) =>
        event.streamId.startsWith('guarantees.guarantee-'),
      );
      expect(stored.length).toBeGreaterThan(0);
      expect(guarantees.items.map((item) => item.position)).toEqual(stored.map((event) => event.position.toString()));
    });

    it('reads one stream by revision, forwards and backwards, page by page', async () => {
      const streamId = `cofinancing-grant-${grantId}`;
      const first = (await t.get(`/audit/streams/${streamId}/events?limit=1`).expect(200)).body as StreamPage;
      expect(first.items.map((item) => [item.revision, item.type])).toEqual([['0', 'cofinancing.GrantRequested']]);
      expect(first.nextFromRevision).toBe('1');
      const second = (
        await t.get(`/audit/streams/${streamId}/events?limit=1&fromRevision=${first.nextFromRevision}`).expect(200)
      ).body as StreamPage;
      expect(second.items.map((item) => item.type)).toEqual(['cofinancing.GrantApproved']);
      expect(second.nextFromRevision).toBeNull();
      const backwards = (await t.get(`/audit/streams/${streamId}/events?direction=backwards`).expect(200))
        .body as StreamPage;
      expect(backwards.items.map((item) => item.revision)).toEqual(['1', '0']);
      expect(backwards.lastRevision).toBe('1');
    });

    it('refuses bad queries naming the field, and unknown streams with 404', async () => {
      const field = async (path: string) =>
        ((await t.get(path).expect(400)).body.fields as { field: string }[]).map((f) => f.field);
      expect(await field('/audit/events?limit=0')).toEqual(['limit']);
      expect(await field('/audit/events?limit=1001')).toEqual(['limit']);
      expect(await field('/audit/events?after=-1')).toEqual(['after']);
      expect(await field('/audit/events?type=bad type')).toEqual(['type']);
      expect(await field('/audit/events?colour=red')).toEqual(['colour']);
      expect(await field('/audit/streams/x/events?direction=sideways')).toEqual(['direction']);
      expect(await field('/audit/streams/x/events?fromRevision=1.5')).toEqual(['fromRevision']);
      await t.get('/audit/streams/no-such-stream/events').expect(404);
    });

    it('is documented in OpenAPI, query parameters included', async () => {
      const spec = (await request(t.app.getHttpServer()).get('/docs/json').set(t.principals.auditor).expect(200)).body;
      for (const path of [
        '/audit/events',
        '/audit/streams/{streamId}/events',
        '/audit/exports/events.csv',
        '/audit/exports/events.ndjson',
        '/audit/exports/balances.csv',
        '/audit/exports/balances.ndjson',
        '/audit/monitoring',
      ]) {
        expect(spec.paths[path]?.get).toBeDefined();
      }
      const parameters = (spec.paths['/audit/events'].get.parameters as { name: string }[]).map((p) => p.name);
      expect(parameters).toEqual(expect.arrayContaining(['after', 'limit', 'type', 'streamPrefix']));
    });

    it('is for auditors: a fund manager is refused, an anonymous caller is not let in', async () => {
      await request(t.app.getHttpServer()).get('/audit/events').set(t.principals.fundManager).expect(403);
      await request(t.app.getHttpServer()).get('/audit/events').expect(401);
      await request(t.app.getHttpServer()).get('/audit/events').set(t.principals.admin).expect(200);
    });
  });
}
