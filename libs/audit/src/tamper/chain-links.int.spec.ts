import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@ledger/database';
import { eventSourcingMigrations } from '@ledger/event-sourcing';
import {
  PostgresEventStore,
  canonicalJson,
  canonicalJsonOfText,
  chainLinkOf,
  eventStoreMigrations,
  type ChainLink,
  type EventStore,
  type JsonObject,
  type NewEvent,
} from '@ledger/event-store';
import { openTestDatabase, testDatabaseKinds } from '@ledger/testing';
import { CreateLedgerCheckpoints1764500000000 } from './1764500000000-create-ledger-checkpoints';
import { verifyLedger } from './ledger-verifier';

/** Values whose canonical text differs from PostgreSQL's jsonb text in every way we know of. */
const AWKWARD_DATA: JsonObject[] = [
  { b: 1, a: 2, aa: 3, B: 4, _: 5, '10': 6, '9': 7, '': 8 },
  { nested: { z: [3, { y: 1, x: [] }, {}], a: { c: null, b: true, a: false } } },
  { numbers: [0, -1, 1.5, -0.25, 0.1, 1e21, 1.5e-7, 123456789012345, Number('12345678901234567890'), 2 ** 53 + 2] },
  { text: 'quote " backslash \\ slash / tab \t newline \n return \r feed \f back \b' },
  { controls: '\u0001\u0007\u000b\u000e\u001f\u007f', separator: 'a\u001fb' },
  { unicode: 'é ü ß 中文 \u2028 \u2029 \ufeff emoji 😀 👩‍👩‍👧' },
  {
    'key "quoted"': 1,
    'key \\ slash': 2,
    kéy: 3,
    key: 4,
    'key\n': 5,
    'key ': 6,
    'key!': 7,
    'key😀': 8,
    'key\uffff': 9,
  },
  { amount: { amountMinor: '4270125', currency: 'MAD' }, rate: 7500, approvedOn: '2015-12-13' },
];

function event(data: JsonObject, n: number, metadata: Partial<NewEvent['metadata']> = {}): NewEvent {
  return {
    id: randomUUID().toUpperCase(),
    type: 'test.Awkward',
    schemaVersion: 1 + (n % 3),
    businessTime: new Date(Date.UTC(1969, 11, 31, 23, 59, 59, n)),
    data,
    metadata: {
      actor: 'actor "one"',
      role: 'role\\x',
      correlationId: `corr-${n}`,
      causationId: n % 2 ? `cause\u001f${n}` : null,
      idempotencyKey: n % 3 ? null : `idem-é-${n}`,
      ...metadata,
    },
  };
}

function plain(link: ChainLink) {
  const { position, streamId, revision, eventId, recordedAt, recordedAtMs, hash, contentHash } = link;
  return { position, streamId, revision, eventId, recordedAt, recordedAtMs, hash, contentHash };
}

/** The port without the fast path, as KurrentDB offers it. */
function withoutChainLinks(store: EventStore): EventStore {
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    appendToStreams: (...args) => store.appendToStreams(...args),
    readStream: (...args) => store.readStream(...args),
    streamRevision: (...args) => store.streamRevision(...args),
    readAll: (...args) => store.readAll(...args),
    headPosition: () => store.headPosition(),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    close: () => store.close(),
  };
}

/** A small deterministic generator of JSON values (no Math.random: failures must repeat). */
function randomJson(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const alphabet = ['a', 'B', 'z', '0', '9', ' ', '"', '\\', '\n', '\u0001', '\u001f', 'é', '中', '😀', '\u2028', '~'];
  const text = () =>
    Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const value = (depth: number): unknown => {
    const kind = Math.floor(next() * (depth > 3 ? 5 : 7));
    if (kind === 0) return null;
    if (kind === 1) return next() < 0.5;
    if (kind === 2) return Math.floor((next() - 0.5) * 10 ** Math.floor(next() * 18));
    if (kind === 3) return (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
    if (kind === 4) return text();
    if (kind === 5) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [text(), value(depth + 1)]));
  };
  return () => ({ root: value(0) });
}

for (const kind of testDatabaseKinds()) {
  describe(`chain links on ${kind}`, () => {
    let subject: Awaited<ReturnType<typeof openTestDatabase>>;
    let store: PostgresEventStore;
    let dataSource: DataSource;
    beforeEach(async () => {
      subject = await openTestDatabase(kind);
      dataSource = await openDataSource(subject.database, {
        entities: [],
        migrations: [...eventStoreMigrations, ...eventSourcingMigrations, CreateLedgerCheckpoints1764500000000],
      });
      store = new PostgresEventStore(subject.database.pool);
    });
    afterEach(async () => {
      await store.close();
      await dataSource.destroy();
      await subject.dispose();
    });

    it('gives what readAll gives, for awkward data, ids and metadata', async () => {
      await store.appendToStream(
        'stream "a"\u001f',
        AWKWARD_DATA.map((data, n) => event(data, n)),
        { expectedRevision: 'no_stream' },
      );
      await store.appendToStream('b', [event({}, 9, { actor: 'ünï', role: '\u0002' })], { expectedRevision: 'any' });
      await store.appendToStream(
        'c "é"',
        AWKWARD_DATA.map((data, n) => event(data, n, { causationId: n % 2 ? 'cause "x"' : null })),
        { expectedRevision: 'any' },
      );
      const expected = (await store.readAll({ maxCount: 100 })).map(chainLinkOf);
      for (const pageSize of [1, 3, 100]) {
        const links = [];
        for (let after = 0n; ;) {
          const page = await store.readAllChainLinks({ afterPosition: after, maxCount: pageSize });
          if (page.length === 0) break;
          links.push(...page);
          after = page[page.length - 1].position;
        }
        expect(links.map(plain)).toEqual(expected.map(plain));
      }
    });

    it('writes the canonical JSON of jsonb text as canonicalJson writes the parsed value', async () => {
      const generate = randomJson(42);
      const values = [...AWKWARD_DATA, ...Array.from({ length: 400 }, generate)];
      const { rows } = await subject.database.pool.query<{ text: string }>({
        text: 'SELECT value::text AS text FROM unnest($1::jsonb[]) AS value',
        values: [values.map((value) => JSON.stringify(value))],
        types: { getTypeParser: () => (text: string) => text },
      });
      expect(rows).toHaveLength(values.length);
      for (const { text } of rows) expect(canonicalJsonOfText(text)).toBe(canonicalJson(JSON.parse(text)));
    });

    it('falls back on any other JSON text', () => {
      for (const text of ['{"b":1,"a":2}', ' {}', '[1,2]', '{"a": 1, "a": 2}', '"\\u00e9"', '"\\/"', '1.0', '-0']) {
        expect(canonicalJsonOfText(text)).toBe(canonicalJson(JSON.parse(text)));
      }
      expect(() => canonicalJsonOfText('{"a": 1,}')).toThrow(SyntaxError);
    });

    it('verifies the same through readAll and through chain links, intact or altered', async () => {
      for (let n = 0; n < 12; n++) {
        await store.appendToStream(
          `s-${n % 3}`,
          [event(AWKWARD_DATA[n % AWKWARD_DATA.length], n, { causationId: null })],
          {
            expectedRevision: 'any',
          },
        );
      }
      const both = async () => [
        await verifyLedger(store, dataSource, { pageSize: 5 }),
        await verifyLedger(withoutChainLinks(store), dataSource, { pageSize: 5 }),
      ];
      const [fast, slow] = await both();
      expect(fast).toEqual(slow);
      expect(fast.ok).toBe(true);
      await subject.database.transaction(async (client) => {
        await client.query('ALTER TABLE ledger_events DISABLE TRIGGER USER');
        await client.query(`UPDATE ledger_events SET data = data || '{"x": 1}' WHERE global_position = 4`);
        await client.query(`UPDATE ledger_events SET actor = 'a\u001fb' WHERE global_position = 2`);
        await client.query('ALTER TABLE ledger_events ENABLE TRIGGER USER');
      });
      const [fastBroken, slowBroken] = await both();
      expect(fastBroken).toEqual(slowBroken);
      expect(fastBroken.firstBroken).toMatchObject({ position: '2', streamId: 's-1', revision: '0' });
      await subject.database.transaction(async (client) => {
        await client.query('ALTER TABLE ledger_events DISABLE TRIGGER USER');
        await client.query(`UPDATE ledger_events SET actor = 'actor "one"' WHERE global_position = 2`);
        await client.query('ALTER TABLE ledger_events ENABLE TRIGGER USER');
      });
      const [fastAltered, slowAltered] = await both();
      expect(fastAltered).toEqual(slowAltered);
      expect(fastAltered.firstBroken).toMatchObject({ position: '4', streamId: 's-0', revision: '1' });
    });
  });
}
