import type { DataSource } from 'typeorm';

/** A row as the driver answers it: numeric columns come back as strings. */
export type SqlRow = Record<string, string | number | boolean | null>;

export interface KeysetQuery {
  readonly table: string;
  /** The primary key (or another unique key), in order: pages are `WHERE (keys) > (last keys) ORDER BY keys LIMIT n`. */
  readonly keys: readonly string[];
  /** The select list; `t.*` unless told. The table is aliased `t`. */
  readonly select?: string;
  /** The FROM clause when the table is joined to another one (the table still aliased `t`). */
  readonly from?: string;
}

/**
 * A table read page by page in key order (keyset pagination): each page is one short query,
 * memory holds one page, and the database never has to skip rows the way OFFSET does.
 */
export async function* keysetRows(data: DataSource, query: KeysetQuery, pageSize = 500): AsyncGenerator<SqlRow> {
  const keys = query.keys.map((key) => `t.${key}`).join(', ');
  let last: (string | number | boolean | null)[] | null = null;
  for (;;) {
    const where: string = last ? `WHERE (${keys}) > (${query.keys.map((_, index) => `$${index + 1}`).join(', ')})` : '';
    const rows: SqlRow[] = await data.query(
      `SELECT ${query.select ?? 't.*'} FROM ${query.from ?? `${query.table} t`} ${where}
        ORDER BY ${keys} LIMIT ${pageSize}`,
      last ?? [],
    );
    yield* rows;
    if (rows.length < pageSize) return;
    const tail = rows[rows.length - 1];
    last = query.keys.map((key) => tail[key]);
  }
}
