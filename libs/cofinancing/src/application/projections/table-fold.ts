import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { CofinancingEvent } from '../../domain';
import { decodeCofinancing } from './decode';

/** The SQL types a folded column may have. */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'numeric' | 'boolean' | 'jsonb';

type Value = string | number | bigint | boolean | null | object;
export type Row = Record<string, Value>;

interface Changes {
  readonly key: Row;
  /** Column → summed delta. */
  readonly add: Map<string, bigint>;
  /** Column → last value set. */
  readonly set: Map<string, Value>;
}

export interface TableFoldOptions {
  readonly table: string;
  /** The primary key's columns. */
  readonly key: readonly string[];
  /** Every column a new row is written with, and its type. */
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** Summable columns (amounts, counts): 0 in a new row unless given. */
  readonly counters?: readonly string[];
  /**
   * What an insert does when the key is already there: 'error' (a plain INSERT: a unique
   * violation) or 'ignore' (ON CONFLICT DO NOTHING; the caller marks the stored keys, see `stored`).
   */
  readonly onConflict?: 'error' | 'ignore';
}

const SEPARATOR = '\u0000';
const keyOf = (values: readonly Value[]) => values.map((value) => String(value)).join(SEPARATOR);

/**
 * What a page of events does to one table, folded in memory so that it is written with two
 * statements — one UPDATE for the rows that were there before the page (deltas summed, last
 * values set), then one multi-row INSERT of the rows the page creates (with every later change
 * of the page already in them) — and leaves the rows that applying the events one by one would.
 *
 * Order within the page is kept: a change to a row the page has inserted goes into that row; a
 * change to any other key goes to the UPDATE, which runs before the INSERT, so a change made
 * before the row existed finds nothing, as it would have one event at a time.
 */
export class TableFold {
  private readonly inserted = new Map<string, Row>();
  private readonly changed = new Map<string, Changes>();
  private readonly storedKeys = new Set<string>();
  private readonly counters: ReadonlySet<string>;

  constructor(private readonly options: TableFoldOptions) {
    this.counters = new Set(options.counters ?? []);
  }

  /** Marks keys as already in the table (read before folding), for `onConflict: 'ignore'` and `has`. */
  stored(keys: Iterable<readonly Value[]>): void {
    for (const key of keys) this.storedKeys.add(keyOf(key));
  }

  /** Whether the row exists at this point of the page (stored before it, or inserted by it). */
  has(key: readonly Value[]): boolean {
    const k = keyOf(key);
    return this.storedKeys.has(k) || this.inserted.has(k);
  }

  /** The row the page inserted under this key, if any (to read a column written earlier in the page). */
  insertedRow(key: readonly Value[]): Readonly<Row> | undefined {
    return this.inserted.get(keyOf(key));
  }

  insert(row: Row): void {
    const k = keyOf(this.options.key.map((column) => row[column]));
    if (this.storedKeys.has(k) || this.inserted.has(k)) {
      if (this.options.onConflict === 'ignore') return;
      if (this.inserted.has(k))
        throw new Error(`duplicate key ${k.split(SEPARATOR).join(', ')} in ${this.options.table}`);
    }
    const full: Row = {};
    for (const column of Object.keys(this.options.columns)) {
      full[column] = row[column] ?? (this.counters.has(column) ? 0n : null);
    }
    this.inserted.set(k, full);
  }

  /** Adds `delta` to a counter of the row under `key` (if it exists when the page is written). */
  add(key: readonly Value[], column: string, delta: bigint): void {
    const row = this.inserted.get(keyOf(key));
    if (row) row[column] = BigInt(row[column] as bigint | string | number) + delta;
    else {
      const changes = this.changesOf(key);
      changes.add.set(column, (changes.add.get(column) ?? 0n) + delta);
    }
  }

  /** Sets a column of the row under `key` (if it exists when the page is written). */
  set(key: readonly Value[], column: string, value: Value): void {
    const row = this.inserted.get(keyOf(key));
    if (row) row[column] = value;
    else this.changesOf(key).set.set(column, value);
  }

  /** The UPDATE of the rows there before the page, then the INSERT of the new ones. */
  async write(manager: EntityManager): Promise<void> {
    if (this.changed.size > 0) await this.update(manager);
    if (this.inserted.size > 0) await this.insertAll(manager);
  }

  private changesOf(key: readonly Value[]): Changes {
    const k = keyOf(key);
    let changes = this.changed.get(k);
    if (!changes) {
      changes = {
        key: Object.fromEntries(this.options.key.map((column, i) => [column, key[i]])),
        add: new Map(),
        set: new Map(),
      };
      this.changed.set(k, changes);
    }
    return changes;
  }

  private async update(manager: EntityManager): Promise<void> {
    const { table, key, columns } = this.options;
    const added = new Set<string>();
    const assigned = new Set<string>();
    const records = [...this.changed.values()].map((changes) => {
      const record: Row = { ...changes.key };
      for (const [column, delta] of changes.add) {
        added.add(column);
        record[column] = delta;
      }
      if (changes.set.size > 0) {
        for (const column of changes.set.keys()) assigned.add(column);
        record.__set = Object.fromEntries(changes.set);
      }
      return record;
    });
    const sets = [
      ...[...added].map((column) => `${column} = t.${column} + coalesce(r.${column}, 0)`),
      ...[...assigned].map((column) => {
        const value =
          columns[column] === 'jsonb' ? `r.__set -> '${column}'` : `(r.__set ->> '${column}')::${columns[column]}`;
        return `${column} = CASE WHEN r.__set ? '${column}' THEN ${value} ELSE t.${column} END`;
      }),
    ];
    const recordColumns = [
      ...key.map((column) => `${column} ${columns[column]}`),
      ...[...added].map((column) => `${column} ${columns[column]}`),
      ...(assigned.size > 0 ? ['__set jsonb'] : []),
    ];
    await manager.query(
      `UPDATE ${table} AS t SET ${sets.join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS r(${recordColumns.join(', ')})
        WHERE ${key.map((column) => `t.${column} = r.${column}`).join(' AND ')}`,
      [toJson(records)],
    );
  }

  private async insertAll(manager: EntityManager): Promise<void> {
    const { table, columns } = this.options;
    const names = Object.keys(columns);
    await manager.query(
      `INSERT INTO ${table} (${names.join(', ')})
       SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${names
         .map((column) => `${column} ${columns[column]}`)
         .join(', ')})${this.options.onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''}`,
      [toJson([...this.inserted.values()])],
    );
  }
}

/** JSON with bigints as strings (numeric and bigint columns read them exactly). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

const decoded = new WeakMap<RecordedEvent, CofinancingEvent | null>();

/**
 * The co-financing events of a page, each with its recorded event. Decoding is remembered per
 * recorded event, so the projections that share a page (a rebuild, the service's group) check
 * each payload once.
 */
export function decodePage(events: readonly RecordedEvent[]): { recorded: RecordedEvent; event: CofinancingEvent }[] {
  const out: { recorded: RecordedEvent; event: CofinancingEvent }[] = [];
  for (const recorded of events) {
    let event = decoded.get(recorded);
    if (event === undefined) {
      event = decodeCofinancing(recorded);
      decoded.set(recorded, event);
    }
    if (event !== null) out.push({ recorded, event });
  }
  return out;
}
