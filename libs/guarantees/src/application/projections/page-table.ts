import type { EntityManager } from 'typeorm';

/**
 * A column's SQL type; `?` when it may be NULL. In memory: `integer` is a number, `numeric` and
 * `bigint` are bigints (exact), `text` is a string.
 */
export type ColumnType = 'text' | 'text?' | 'integer' | 'numeric' | 'numeric?' | 'bigint' | 'bigint?';

export type Value = string | number | bigint | null;
export type Row = Record<string, Value>;

export interface TableSpec {
  readonly table: string;
  /** The primary key's columns (text). */
  readonly key: readonly string[];
  /** Every column, key included. */
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** A text column rows are also looked up by (`where`), and loaded by (`load`'s `alsoWhere`). */
  readonly index?: string;
}

const keyOf = (values: readonly Value[]) => values.join('\u0000');
const sqlType = (type: ColumnType) => type.replace('?', '');

/**
 * One table as a page of events sees it: the rows the page touches, read once before the page
 * (`want`, then `load`), changed in memory by the page's events in log order, and written back
 * with two statements — an UPDATE of the rows that were there before, a multi-row INSERT of the
 * rows the page created.
 *
 * Each change behaves as the SQL statement it replaces: `add` and `set` on a row that does not
 * exist at that point of the page change nothing (an UPDATE of no row), `insert` of a key that
 * exists fails (a unique violation). Amounts stay bigints: exact, as `numeric` arithmetic.
 */
export class PageTable {
  private readonly rows = new Map<string, Row>();
  private readonly wanted = new Map<string, readonly string[]>();
  private readonly alsoWanted = new Set<string>();
  private readonly inserted = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly changedColumns = new Set<string>();
  private readonly byIndex = new Map<string, Set<string>>();

  constructor(private readonly spec: TableSpec) {}

  /** Marks a row to read before the page is applied (one the page changes or reads). */
  want(...key: string[]): void {
    this.wanted.set(keyOf(key), key);
  }

  /** Marks every row whose index column has this value to be read too. */
  wantWhere(value: string): void {
    this.alsoWanted.add(value);
  }

  /** Reads the wanted rows (one SELECT). */
  async load(db: EntityManager): Promise<void> {
    if (this.wanted.size === 0 && this.alsoWanted.size === 0) return;
    const { table, key, columns, index } = this.spec;
    const params: unknown[] = [];
    const conditions: string[] = [];
    if (this.wanted.size > 0) {
      const keys = [...this.wanted.values()];
      if (key.length === 1) {
        params.push(keys.map(([value]) => value));
        conditions.push(`${key[0]} = ANY($${params.length}::text[])`);
      } else {
        params.push(JSON.stringify(keys.map((values) => Object.fromEntries(key.map((c, i) => [c, values[i]])))));
        conditions.push(
          `(${key.join(', ')}) IN (SELECT ${key.join(', ')} FROM jsonb_to_recordset($${params.length}::jsonb)` +
            ` AS k(${key.map((c) => `${c} text`).join(', ')}))`,
        );
      }
    }
    if (index && this.alsoWanted.size > 0) {
      params.push([...this.alsoWanted]);
      conditions.push(`${index} = ANY($${params.length}::text[])`);
    }
    const stored: Record<string, unknown>[] = await db.query(
      `SELECT ${Object.keys(columns).join(', ')} FROM ${table} WHERE ${conditions.join(' OR ')}`,
      params,
    );
    for (const raw of stored) {
      const row: Row = {};
      for (const [column, type] of Object.entries(columns)) row[column] = fromSql(raw[column], type);
      this.remember(row);
    }
  }

  /** The row under this key at this point of the page, if there is one. */
  get(...key: string[]): Readonly<Row> | undefined {
    return this.rows.get(keyOf(key));
  }

  /** The keys of the rows whose index column has this value (loaded with `wantWhere`), in key order. */
  where(value: string): string[][] {
    const keys = [...(this.byIndex.get(value) ?? [])].sort();
    return keys.map((k) => this.spec.key.map((column) => this.rows.get(k)?.[column] as string));
  }

  /** INSERT: columns not given are 0 (counters) or NULL. */
  insert(values: Row): void {
    const k = keyOf(this.spec.key.map((column) => values[column]));
    if (this.rows.has(k)) throw new Error(`duplicate key (${k.split('\u0000').join(', ')}) in ${this.spec.table}`);
    const row: Row = {};
    for (const [column, type] of Object.entries(this.spec.columns)) {
      row[column] = values[column] ?? (type === 'integer' ? 0 : type === 'numeric' ? 0n : null);
    }
    this.remember(row);
    this.inserted.add(k);
  }

  /** UPDATE … SET column = column + delta, …, last_position = position; false when there is no row. */
  add(key: readonly string[], deltas: Readonly<Record<string, bigint | number>>, position: bigint): boolean {
    const row = this.rows.get(keyOf(key));
    if (!row) return false;
    const changes: Row = { last_position: position };
    for (const [column, delta] of Object.entries(deltas)) {
      changes[column] =
        this.spec.columns[column] === 'integer'
          ? (row[column] as number) + Number(delta)
          : (row[column] as bigint) + BigInt(delta);
    }
    return this.set(key, changes);
  }

  /** UPDATE … SET column = value, …; false when there is no row. */
  set(key: readonly string[], values: Readonly<Row>): boolean {
    const k = keyOf(key);
    const row = this.rows.get(k);
    if (!row) return false;
    for (const [column, value] of Object.entries(values)) {
      if (!(column in this.spec.columns)) throw new Error(`no column ${column} in ${this.spec.table}`);
      row[column] = value;
      if (!this.inserted.has(k)) this.changedColumns.add(column);
    }
    if (!this.inserted.has(k)) this.dirty.add(k);
    return true;
  }

  /** The UPDATE of the rows that were there before the page, then the INSERT of the new ones. */
  async write(db: EntityManager): Promise<void> {
    const { table, key, columns } = this.spec;
    if (this.dirty.size > 0) {
      const changed = [...this.changedColumns];
      const names = [...key, ...changed];
      await db.query(
        `UPDATE ${table} AS t SET ${changed.map((column) => `${column} = r.${column}`).join(', ')}
           FROM jsonb_to_recordset($1::jsonb) AS r(${recordColumns(names, columns)})
          WHERE ${key.map((column) => `t.${column} = r.${column}`).join(' AND ')}`,
        [this.recordsOf(this.dirty, names)],
      );
    }
    if (this.inserted.size > 0) {
      const names = Object.keys(columns);
      await db.query(
        `INSERT INTO ${table} (${names.join(', ')})
         SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${recordColumns(names, columns)})`,
        [this.recordsOf(this.inserted, names)],
      );
    }
  }

  private remember(row: Row): void {
    const k = keyOf(this.spec.key.map((column) => row[column]));
    this.rows.set(k, row);
    const { index } = this.spec;
    if (index) {
      const value = row[index] as string;
      let keys = this.byIndex.get(value);
      if (!keys) this.byIndex.set(value, (keys = new Set()));
      keys.add(k);
    }
  }

  /** Rows as one JSON array: amounts as strings (exact), integers as numbers. */
  private recordsOf(keys: Iterable<string>, names: readonly string[]): string {
    const records: Record<string, string | number | null>[] = [];
    for (const k of keys) {
      const row = this.rows.get(k) as Row;
      const record: Record<string, string | number | null> = {};
      for (const column of names) {
        const value = row[column];
        record[column] = typeof value === 'bigint' ? value.toString() : value;
      }
      records.push(record);
    }
    return JSON.stringify(records);
  }
}

function recordColumns(names: readonly string[], columns: Readonly<Record<string, ColumnType>>): string {
  return names.map((column) => `${column} ${sqlType(columns[column])}`).join(', ');
}

function fromSql(value: unknown, type: ColumnType): Value {
  if (value === null || value === undefined) return null;
  switch (sqlType(type)) {
    case 'integer':
      return Number(value);
    case 'numeric':
    case 'bigint':
      return BigInt(value as string | number | bigint);
    default:
      return String(value);
  }
}
