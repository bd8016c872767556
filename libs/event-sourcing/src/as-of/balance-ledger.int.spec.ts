import fc from 'fast-check';
import type { Database } from '@ledger/database';
import { openTestDatabase, testDatabaseKinds } from '@ledger/testing';
import type { AsOf } from './as-of';
import { BalanceLedger, type PlacedEffects } from './balance-ledger';
import { balanceLedgerTablesSql } from './balance-ledger.migration';

/**
 * The checkpointed as-of sum (epoch buckets + the movements after them) must equal the plain sum of
 * every movement with business date ≤ D recorded ≤ T, for any history — including backdated entries
 * recorded late and several events recorded in the same millisecond — and must not depend on how
 * the log was paged into batches (what a rebuild changes).
 */
const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);

const eventArb = fc.record({
  entity: fc.constantFrom('a', 'b'),
  part: fc.constantFrom('', 'x', 'y'),
  metric: fc.constantFrom('in', 'out'),
  /** Business date: days from 2020-01-01; sometimes far back (a backdated entry). */
  day: fc.integer({ min: 0, max: 400 }),
  /** Record time step after the previous event: 0 = the same millisecond. */
  step: fc.integer({ min: 0, max: 3 }),
  delta: fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
});

type Generated = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function placed(events: Generated[]): PlacedEffects[] {
  let clock = Date.UTC(2024, 0, 1);
  return events.map((e, index) => {
    clock += e.step * 60_000;
    return {
      position: BigInt(index + 1),
      recordedAt: new Date(clock),
      businessDate: new Date(START + e.day * DAY).toISOString().slice(0, 10),
      effects: { movements: [{ kind: 'k', id: e.entity, part: e.part, metric: e.metric, delta: e.delta }] },
    };
  });
}

async function rows(db: Database, prefix: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ['movements', 'epochs', 'buckets']) {
    const result = await db.pool.query(`SELECT to_jsonb(t)::text AS row FROM ${prefix}_${table} t ORDER BY 1`);
    out[table] = result.rows.map((r: { row: string }) => r.row);
  }
  return out;
}

for (const kind of testDatabaseKinds()) {
  describe(`balances as of a date, on ${kind}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let run = 0;
    /** The pool as a SqlRunner (rows, as TypeORM's query returns them). */
    const sql = {
      query: async (text: string, parameters?: unknown[]) => (await db.pool.query(text, parameters)).rows,
    };

    beforeAll(async () => {
      ({ database: db, dispose } = await openTestDatabase(kind));
    });
    afterAll(() => dispose());

    async function freshLedger(epochEvents: number): Promise<BalanceLedger> {
      run += 1;
      const ledger = new BalanceLedger({ prefix: `t${run}`, epochEvents });
      for (const sql of balanceLedgerTablesSql(ledger.prefix)) await db.pool.query(sql);
      return ledger;
    }

    it('equals the full sum for any D and T, and does not depend on the paging', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(eventArb, { minLength: 1, maxLength: 60 }),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 20 }),
          fc.array(fc.tuple(fc.integer({ min: -5, max: 420 }), fc.integer({ min: 0, max: 62 })), {
            minLength: 4,
            maxLength: 8,
          }),
          async (events, epochEvents, page, points) => {
            const items = placed(events);
            const paged = await freshLedger(epochEvents);
            for (let i = 0; i < items.length; i += page) await paged.write(items.slice(i, i + page), sql);
            const oneByOne = await freshLedger(epochEvents);
            for (const item of items) await oneByOne.write([item], sql);
            expect(await rows(db, paged.prefix)).toEqual(await rows(db, oneByOne.prefix));

            const last = items[items.length - 1].recordedAt.getTime();
            const asked: AsOf[] = points.map(([day, minutesBack]) => ({
              asOf: new Date(START + day * DAY).toISOString().slice(0, 10),
              knownAt: minutesBack === 62 ? null : new Date(last - minutesBack * 60_000),
            }));
            for (const at of asked) {
              for (const entity of ['a', 'b']) {
                const fast = await paged.balances(sql, 'k', entity, at);
                const slow = await paged.balancesByFullScan(sql, 'k', entity, at);
                expect(fast.toJSON()).toEqual(slow.toJSON());
              }
            }
          },
        ),
        { numRuns: kind === 'embedded' ? 25 : 40 },
      );
    });

    it('counts a backdated entry only from its business date, and only once it is recorded', async () => {
      const ledger = await freshLedger(2);
      const at = (iso: string) => new Date(iso);
      const entry = (position: number, recordedAt: string, businessDate: string, delta: bigint): PlacedEffects => ({
        position: BigInt(position),
        recordedAt: at(recordedAt),
        businessDate,
        effects: { movements: [{ kind: 'fund', id: 'f', metric: 'contributed', delta }] },
      });
      await ledger.write(
        [
          entry(1, '2021-01-10T10:00:00Z', '2021-01-10', 100n),
          entry(2, '2021-02-10T10:00:00Z', '2021-02-10', 20n),
          entry(3, '2021-03-10T10:00:00Z', '2021-03-10', 3n),
          // recorded in April, dated in January
          entry(4, '2021-04-02T10:00:00Z', '2021-01-20', 4000n),
        ],
        sql,
      );
      const balance = async (asOf: string, knownAt: string | null) =>
        (await ledger.balances(sql, 'fund', 'f', { asOf, knownAt: knownAt === null ? null : at(knownAt) })).get(
          'contributed',
        );
      expect(await balance('2021-01-15', null)).toBe(100n);
      expect(await balance('2021-01-20', null)).toBe(4100n);
      expect(await balance('2021-03-31', null)).toBe(4123n);
      expect(await balance('2021-03-31', '2021-03-31T00:00:00Z')).toBe(123n);
      expect(await balance('2021-01-31', '2021-04-01T00:00:00Z')).toBe(100n);
      expect(await balance('2021-01-31', '2021-04-02T10:00:00Z')).toBe(4100n);
      expect(await balance('2020-12-31', null)).toBe(0n);
    });
  });
}
