import type { JsonObject } from '@ledger/event-store';
import { monthOf, type AsOf } from './as-of';

/** Anything that runs SQL: a TypeORM EntityManager or DataSource, inside or outside a transaction. */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * One additive change of one figure of one entity: `delta` minor units (or a count) added to
 * `metric` of (`kind`, `id`), optionally within a `part` (a donor of a fund, a window and
 * participation year of a beneficiary). Non-additive figures are computed from these when read.
 */
export interface BalanceMovement {
  readonly kind: string;
  readonly id: string;
  readonly part?: string;
  readonly metric: string;
  readonly delta: bigint;
}

/** An entity the balances belong to, with what its answers show besides the figures. */
export interface BalanceEntity {
  readonly kind: string;
  readonly id: string;
  /** The entity it belongs to ('' for none): a window's or a donor's fund, a convention's company. */
  readonly parentId?: string;
  readonly name?: string | null;
  readonly currency?: string | null;
  /** Business date from which it exists. */
  readonly createdOn: string;
  readonly details?: JsonObject;
}

/** One version of dated contract terms (a window's schedule, a convention's terms). */
export interface BalanceTerms {
  readonly kind: string;
  readonly id: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly terms: JsonObject;
}

/** What one event does to the balances. */
export interface BalanceEffects {
  readonly movements: readonly BalanceMovement[];
  readonly entities?: readonly BalanceEntity[];
  readonly terms?: readonly BalanceTerms[];
}

/** One event's effects with where it sits in business time and record time. */
export interface PlacedEffects {
  readonly position: bigint;
  readonly recordedAt: Date;
  /** 'YYYY-MM-DD' */
  readonly businessDate: string;
  readonly effects: BalanceEffects;
}

export interface StoredEntity {
  readonly kind: string;
  readonly id: string;
  readonly parentId: string;
  readonly name: string | null;
  readonly currency: string | null;
  readonly createdOn: string;
  readonly details: JsonObject;
  readonly position: string;
}

export interface StoredTerms {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly terms: JsonObject;
}

/** The figures of one entity at one point: metric → total, per part ('' when the entity has no parts). */
export class Balances {
  constructor(private readonly totals: ReadonlyMap<string, ReadonlyMap<string, bigint>>) {}

  static fromRows(rows: readonly { part: string; metric: string; total: string }[]): Balances {
    const totals = new Map<string, Map<string, bigint>>();
    for (const row of rows) {
      const part = totals.get(row.part) ?? new Map<string, bigint>();
      part.set(row.metric, (part.get(row.metric) ?? 0n) + BigInt(row.total));
      totals.set(row.part, part);
    }
    return new Balances(totals);
  }

  get(metric: string, part = ''): bigint {
    return this.totals.get(part)?.get(metric) ?? 0n;
  }

  /** A count (grants approved, guarantees in force). */
  count(metric: string, part = ''): number {
    return Number(this.get(metric, part));
  }

  /** The parts that had at least one movement, in order. */
  parts(): string[] {
    return [...this.totals.keys()].filter((part) => part !== '').sort();
  }

  toJSON(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const part of [...this.totals.keys()].sort()) {
      const metrics = this.totals.get(part) as ReadonlyMap<string, bigint>;
      out[part] = Object.fromEntries([...metrics.keys()].sort().map((m) => [m, (metrics.get(m) as bigint).toString()]));
    }
    return out;
  }
}

export interface BalanceLedgerOptions {
  /** Table name prefix: `<prefix>_movements`, `_epochs`, `_buckets`, `_entities`, `_terms`. */
  readonly prefix: string;
  /**
   * Events of one entity per checkpoint epoch. A query reads the monthly sums of the epochs fully
   * recorded by T plus at most this many raw movements. Changing it needs a rebuild.
   */
  readonly epochEvents?: number;
}

interface EpochState {
  epoch: number;
  events: number;
  firstPosition: bigint;
  lastPosition: bigint;
  lastRecordedAt: Date;
}

const key = (...parts: readonly (string | number)[]) => parts.join('\u0000');

/**
 * Bitemporal balances: additive movements (entity, part, metric, business date, position, record
 * time, delta) plus checkpoints, so that "as of D, as known at T" is a few indexed aggregates
 * whatever the length of the history.
 *
 * Checkpoints. Each entity's events are cut into epochs of `epochEvents` events, in log order;
 * every epoch keeps the sum of its movements per business month (`_buckets`, upserted as events
 * arrive) and the record time of its last event. Because record time never goes backwards along
 * the log, the epochs fully recorded by T are a prefix, and at most one epoch straddles T. So:
 *
 *   balance(D, T) = Σ buckets of the epochs recorded by T, for the months before D's month
 *                 + Σ movements dated from the first of D's month to D, recorded by T
 *                 + Σ movements of the straddling epoch dated before D's month, recorded by T
 *
 * — a sum of (months × epochs) bucket rows and two bounded index ranges, never the whole
 * history. A backdated entry recorded later simply lands in the bucket of its business month in
 * a later epoch, so it counts for D ≥ its date only when T ≥ its recording.
 *
 * Everything is derived from the events (positions, record and business times), never from the
 * clock, so a rebuild writes identical rows.
 */
export class BalanceLedger {
  readonly prefix: string;
  readonly epochEvents: number;
  readonly tables: readonly string[];

  constructor(options: BalanceLedgerOptions) {
    if (!/^[a-z][a-z0-9_]*$/.test(options.prefix)) throw new Error(`invalid table prefix ${options.prefix}`);
    this.prefix = options.prefix;
    this.epochEvents = options.epochEvents ?? 512;
    if (!Number.isInteger(this.epochEvents) || this.epochEvents < 1) throw new Error('epochEvents must be ≥ 1');
    this.tables = ['movements', 'epochs', 'buckets', 'entities', 'terms'].map((t) => `${this.prefix}_${t}`);
  }

  // ---- writing (inside the projection's transaction) ----------------------------------------

  /** Applies the effects of a run of events, in log order, with a handful of statements. */
  async write(items: readonly PlacedEffects[], db: SqlRunner): Promise<void> {
    const p = this.prefix;
    const placed = items.map((item) => ({ ...item, movements: merge(item.effects.movements) }));

    const touched = new Map<string, { kind: string; id: string }>();
    for (const item of placed) for (const m of item.movements) touched.set(key(m.kind, m.id), m);
    const states = new Map<string, EpochState>();
    if (touched.size > 0) {
      const entities = [...touched.values()];
      const rows: {
        entity_kind: string;
        entity_id: string;
        epoch: number;
        events: number;
        first_position: string;
        last_position: string;
        last_recorded_at: Date;
      }[] = await db.query(
        `SELECT DISTINCT ON (e.entity_kind, e.entity_id) e.entity_kind, e.entity_id, e.epoch, e.events,
                e.first_position, e.last_position, e.last_recorded_at
           FROM ${p}_epochs e
          WHERE (e.entity_kind, e.entity_id) IN (SELECT u.k, u.i FROM unnest($1::text[], $2::text[]) AS u(k, i))
          ORDER BY e.entity_kind, e.entity_id, e.epoch DESC`,
        [entities.map((e) => e.kind), entities.map((e) => e.id)],
      );
      for (const row of rows) {
        states.set(key(row.entity_kind, row.entity_id), {
          epoch: row.epoch,
          events: row.events,
          firstPosition: BigInt(row.first_position),
          lastPosition: BigInt(row.last_position),
          lastRecordedAt: new Date(row.last_recorded_at),
        });
      }
    }

    const movements = { kind: [] as string[], id: [] as string[], position: [] as string[], part: [] as string[] };
    const more = { metric: [] as string[], date: [] as string[], recordedAt: [] as string[], delta: [] as string[] };
    const buckets = new Map<
      string,
      { kind: string; id: string; epoch: number; month: string; part: string; metric: string; total: bigint }
    >();
    const epochs = new Map<string, { kind: string; id: string; state: EpochState }>();

    for (const item of placed) {
      const month = monthOf(item.businessDate);
      const epochOf = new Map<string, number>();
      for (const m of item.movements) {
        const entityKey = key(m.kind, m.id);
        let epoch = epochOf.get(entityKey);
        if (epoch === undefined) {
          let state = states.get(entityKey);
          if (state === undefined || state.events >= this.epochEvents) {
            state = {
              epoch: state === undefined ? 0 : state.epoch + 1,
              events: 0,
              firstPosition: item.position,
              lastPosition: item.position,
              lastRecordedAt: item.recordedAt,
            };
            states.set(entityKey, state);
          }
          state.events += 1;
          state.lastPosition = item.position;
          state.lastRecordedAt = item.recordedAt;
          epoch = state.epoch;
          epochOf.set(entityKey, epoch);
          epochs.set(key(m.kind, m.id, epoch), { kind: m.kind, id: m.id, state: { ...state } });
        }
        const part = m.part ?? '';
        movements.kind.push(m.kind);
        movements.id.push(m.id);
        movements.position.push(item.position.toString());
        movements.part.push(part);
        more.metric.push(m.metric);
        more.date.push(item.businessDate);
        more.recordedAt.push(item.recordedAt.toISOString());
        more.delta.push(m.delta.toString());
        const bucketKey = key(m.kind, m.id, epoch, month, part, m.metric);
        const bucket = buckets.get(bucketKey);
        if (bucket) bucket.total += m.delta;
        else buckets.set(bucketKey, { kind: m.kind, id: m.id, epoch, month, part, metric: m.metric, total: m.delta });
      }
    }

    if (movements.kind.length > 0) {
      await db.query(
        `INSERT INTO ${p}_movements (entity_kind, entity_id, position, part, metric, business_date, recorded_at, delta)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::date[],
                              $7::timestamptz[], $8::numeric[])`,
        [
          movements.kind,
          movements.id,
          movements.position,
          movements.part,
          more.metric,
          more.date,
          more.recordedAt,
          more.delta,
        ],
      );
      const b = [...buckets.values()];
      await db.query(
        `INSERT INTO ${p}_buckets AS b (entity_kind, entity_id, epoch, business_month, part, metric, total)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::date[], $5::text[], $6::text[], $7::numeric[])
         ON CONFLICT (entity_kind, entity_id, epoch, business_month, part, metric)
         DO UPDATE SET total = b.total + EXCLUDED.total`,
        [
          b.map((x) => x.kind),
          b.map((x) => x.id),
          b.map((x) => x.epoch),
          b.map((x) => x.month),
          b.map((x) => x.part),
          b.map((x) => x.metric),
          b.map((x) => x.total.toString()),
        ],
      );
      const e = [...epochs.values()];
      await db.query(
        `INSERT INTO ${p}_epochs (entity_kind, entity_id, epoch, events, first_position, last_position, last_recorded_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::bigint[], $7::timestamptz[])
         ON CONFLICT (entity_kind, entity_id, epoch) DO UPDATE SET events = EXCLUDED.events,
           last_position = EXCLUDED.last_position, last_recorded_at = EXCLUDED.last_recorded_at`,
        [
          e.map((x) => x.kind),
          e.map((x) => x.id),
          e.map((x) => x.state.epoch),
          e.map((x) => x.state.events),
          e.map((x) => x.state.firstPosition.toString()),
          e.map((x) => x.state.lastPosition.toString()),
          e.map((x) => x.state.lastRecordedAt.toISOString()),
        ],
      );
    }

    // ON CONFLICT DO NOTHING keeps the first of a key: so does the page, before one INSERT each.
    const entities = new Map<string, { item: PlacedEffects; entity: BalanceEntity }>();
    const terms = new Map<string, { item: PlacedEffects; version: BalanceTerms }>();
    for (const item of placed) {
      for (const entity of item.effects.entities ?? []) {
        const k = key(entity.kind, entity.parentId ?? '', entity.id);
        if (!entities.has(k)) entities.set(k, { item, entity });
      }
      for (const version of item.effects.terms ?? []) {
        const k = key(version.kind, version.id, version.version);
        if (!terms.has(k)) terms.set(k, { item, version });
      }
    }
    if (entities.size > 0) {
      const rows = [...entities.values()];
      await db.query(
        `INSERT INTO ${p}_entities (entity_kind, parent_id, entity_id, name, currency, created_on, details, position, recorded_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::jsonb[],
                              $8::bigint[], $9::timestamptz[])
         ON CONFLICT DO NOTHING`,
        [
          rows.map(({ entity }) => entity.kind),
          rows.map(({ entity }) => entity.parentId ?? ''),
          rows.map(({ entity }) => entity.id),
          rows.map(({ entity }) => entity.name ?? null),
          rows.map(({ entity }) => entity.currency ?? null),
          rows.map(({ entity }) => entity.createdOn),
          rows.map(({ entity }) => JSON.stringify(entity.details ?? {})),
          rows.map(({ item }) => item.position.toString()),
          rows.map(({ item }) => item.recordedAt.toISOString()),
        ],
      );
    }
    if (terms.size > 0) {
      const rows = [...terms.values()];
      await db.query(
        `INSERT INTO ${p}_terms (entity_kind, entity_id, version, effective_from, terms, position, recorded_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::date[], $5::jsonb[], $6::bigint[], $7::timestamptz[])
         ON CONFLICT DO NOTHING`,
        [
          rows.map(({ version }) => version.kind),
          rows.map(({ version }) => version.id),
          rows.map(({ version }) => version.version),
          rows.map(({ version }) => version.effectiveFrom),
          rows.map(({ version }) => JSON.stringify(version.terms)),
          rows.map(({ item }) => item.position.toString()),
          rows.map(({ item }) => item.recordedAt.toISOString()),
        ],
      );
    }
  }

  // ---- reading ----------------------------------------------------------------------------

  /** The figures of (kind, id) as of D, as known at T: checkpoint buckets plus the movements after them. */
  async balances(db: SqlRunner, kind: string, id: string, at: AsOf): Promise<Balances> {
    const p = this.prefix;
    // The cut is computed once (scalar sub-queries become parameters of the index scans): the
    // epochs recorded by T are a prefix, so buckets are read by an epoch range, and the straddling
    // epoch by a position range.
    const rows = await db.query(
      `WITH cut AS MATERIALIZED (
         SELECT coalesce(max(epoch) FILTER (WHERE last_recorded_at <= $4::timestamptz), -1) AS done_epoch,
                coalesce(max(last_position) FILTER (WHERE last_recorded_at <= $4::timestamptz), 0) AS done,
                coalesce(min(last_position) FILTER (WHERE last_recorded_at > $4::timestamptz), 0) AS straddle_end
           FROM ${p}_epochs WHERE entity_kind = $1 AND entity_id = $2
       )
       SELECT x.part, x.metric, sum(x.amount)::text AS total FROM (
         SELECT b.part, b.metric, b.total AS amount
           FROM ${p}_buckets b
          WHERE b.entity_kind = $1 AND b.entity_id = $2 AND b.epoch <= (SELECT done_epoch FROM cut)
            AND b.business_month < $3::date
         UNION ALL
         SELECT m.part, m.metric, m.delta
           FROM ${p}_movements m
          WHERE m.entity_kind = $1 AND m.entity_id = $2 AND m.business_date >= $3::date AND m.business_date <= $5::date
            AND m.recorded_at <= $4::timestamptz
         UNION ALL
         SELECT m.part, m.metric, m.delta
           FROM ${p}_movements m
          WHERE m.entity_kind = $1 AND m.entity_id = $2
            AND m.position > (SELECT done FROM cut) AND m.position <= (SELECT straddle_end FROM cut)
            AND m.business_date < $3::date AND m.recorded_at <= $4::timestamptz
       ) x GROUP BY x.part, x.metric`,
      [kind, id, monthOf(at.asOf), recordCut(at), at.asOf],
    );
    return Balances.fromRows(rows);
  }

  /** The same figures summed from every movement (no checkpoints): the reference the tests compare with. */
  async balancesByFullScan(db: SqlRunner, kind: string, id: string, at: AsOf): Promise<Balances> {
    const rows = await db.query(
      `SELECT part, metric, sum(delta)::text AS total FROM ${this.prefix}_movements
        WHERE entity_kind = $1 AND entity_id = $2 AND business_date <= $3::date AND recorded_at <= $4::timestamptz
        GROUP BY part, metric`,
      [kind, id, at.asOf, recordCut(at)],
    );
    return Balances.fromRows(rows);
  }

  /** An entity as known at T (whatever its creation date), or null. */
  async entity(db: SqlRunner, kind: string, id: string, at: AsOf, parentId?: string): Promise<StoredEntity | null> {
    const rows = await db.query(
      `SELECT ${ENTITY_COLUMNS} FROM ${this.prefix}_entities
        WHERE entity_kind = $1 AND entity_id = $2 AND ($3::text IS NULL OR parent_id = $3) AND recorded_at <= $4::timestamptz
        ORDER BY parent_id LIMIT 1`,
      [kind, id, parentId ?? null, recordCut(at)],
    );
    return rows.length === 0 ? null : storedEntity(rows[0]);
  }

  /** The entities of a kind under a parent that exist on D, as known at T, by creation date then id. */
  async children(db: SqlRunner, kind: string, parentId: string, at: AsOf): Promise<StoredEntity[]> {
    const rows = await db.query(
      `SELECT ${ENTITY_COLUMNS} FROM ${this.prefix}_entities
        WHERE entity_kind = $1 AND parent_id = $2 AND created_on <= $3::date AND recorded_at <= $4::timestamptz
        ORDER BY created_on, entity_id`,
      [kind, parentId, at.asOf, recordCut(at)],
    );
    return rows.map(storedEntity);
  }

  /**
   * The terms in force on D as known at T: the latest version effective on or before D; before
   * the first one takes effect, the first. Also the latest version known at T, whatever its date.
   */
  async terms(
    db: SqlRunner,
    kind: string,
    id: string,
    at: AsOf,
  ): Promise<{ inForce: StoredTerms; latest: StoredTerms } | null> {
    const rows: { version: number; effective_from: string; terms: JsonObject }[] = await db.query(
      `SELECT version, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, terms FROM ${this.prefix}_terms
        WHERE entity_kind = $1 AND entity_id = $2 AND recorded_at <= $3::timestamptz ORDER BY version`,
      [kind, id, recordCut(at)],
    );
    if (rows.length === 0) return null;
    const versions = rows.map((row) => ({ version: row.version, effectiveFrom: row.effective_from, terms: row.terms }));
    let inForce = versions[0];
    for (const version of versions) if (version.effectiveFrom <= at.asOf) inForce = version;
    return { inForce, latest: versions[versions.length - 1] };
  }
}

/** The record-time bound of a query: T, or every recorded event. */
function recordCut(at: AsOf): string {
  return at.knownAt === null ? 'infinity' : at.knownAt.toISOString();
}

/** One movement per (entity, part, metric) within an event; zero deltas are dropped. */
function merge(movements: readonly BalanceMovement[]): BalanceMovement[] {
  const merged = new Map<string, BalanceMovement>();
  for (const m of movements) {
    const k = key(m.kind, m.id, m.part ?? '', m.metric);
    const before = merged.get(k);
    merged.set(k, before ? { ...before, delta: before.delta + m.delta } : m);
  }
  return [...merged.values()].filter((m) => m.delta !== 0n);
}

const ENTITY_COLUMNS = `entity_kind, parent_id, entity_id, name, currency,
  to_char(created_on, 'YYYY-MM-DD') AS created_on, details, position`;

function storedEntity(row: Record<string, unknown>): StoredEntity {
  return {
    kind: row.entity_kind as string,
    id: row.entity_id as string,
    parentId: row.parent_id as string,
    name: (row.name as string | null) ?? null,
    currency: (row.currency as string | null) ?? null,
    createdOn: row.created_on as string,
    details: (row.details as JsonObject) ?? {},
    position: String(row.position),
  };
}
