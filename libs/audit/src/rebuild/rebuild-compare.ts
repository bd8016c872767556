import type { DataSource, MigrationInterface } from 'typeorm';
import { eventSourcingMigrations, type Projection } from '@ledger/event-sourcing';
import type { EventStore, RecordedEvent } from '@ledger/event-store';

export interface TableComparison {
  readonly table: string;
  readonly liveRows: number;
  readonly rebuiltRows: number;
  /** Rows (with multiplicity) only in the live table, and only in the rebuilt one. */
  readonly onlyLive: number;
  readonly onlyRebuilt: number;
  readonly samples: readonly { side: 'live' | 'rebuilt'; row: unknown }[];
}

export interface ProjectionComparison {
  readonly projection: string;
  /** The log position both sides were compared at. */
  readonly position: string;
  readonly identical: boolean;
  readonly tables: readonly TableComparison[];
}

export interface RebuildReport {
  readonly schema: string;
  readonly kept: boolean;
  readonly identical: boolean;
  readonly projections: readonly ProjectionComparison[];
}

export interface RebuildCompareOptions {
  /** Keep the rebuilt schema for inspection instead of dropping it. */
  readonly keep?: boolean;
  readonly onProgress?: (projection: string, position: bigint, target: bigint) => void;
  readonly onProjectionStart?: (projection: string, target: bigint) => void;
  readonly onProjectionDone?: (comparison: ProjectionComparison) => void;
  /**
   * How many projections apply a page at once (default 4), each in its own transaction on its own
   * connection; on a pool of one (embedded) they simply take turns.
   */
  readonly concurrency?: number;
  /** Events per page read from the log (default 2,000): one page is read once for every projection. */
  readonly batchSize?: number;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationClass = Function;

/**
 * Rebuilds every read model from the log into a fresh schema and compares it, table by table,
 * with the live one at the same log position. The fresh schema gets the read models' own
 * migrations; the projections run unchanged, their transactions pointed at it with
 * `SET LOCAL search_path`. The live log is read once, in pages, for all of them: each page is
 * applied to each projection (its `applyBatch` when it has one) in a transaction of its own that
 * also stores its checkpoint in the fresh schema. The comparison is done by the database
 * (EXCEPT ALL), so memory stays flat whatever the size of the log (about two pages of events).
 */
export async function rebuildAndCompare(
  dataSource: DataSource,
  store: EventStore,
  liveSchema: string,
  readModels: { readonly migrations: readonly MigrationClass[]; readonly projections: readonly Projection[] },
  options: RebuildCompareOptions = {},
): Promise<RebuildReport> {
  const schema = `rebuild_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const searchPath = `${schema}, ${liveSchema}`;
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  try {
    await createReadModelTables(dataSource, schema, [...eventSourcingMigrations, ...readModels.migrations]);
    const rebuilds: Rebuild[] = readModels.projections.map((projection) => ({
      projection,
      position: 0n,
      target: 0n,
      attempts: 0,
    }));
    const results: ProjectionComparison[] = new Array(rebuilds.length);
    const concurrency = Math.max(1, options.concurrency ?? 4);
    let pending = rebuilds;
    let first = true;
    while (pending.length > 0) {
      const targets = await liveCheckpoints(
        dataSource,
        liveSchema,
        pending.map((rebuild) => rebuild.projection.name),
      );
      for (const rebuild of pending) {
        rebuild.target = targets.get(rebuild.projection.name) ?? 0n;
        if (first) options.onProjectionStart?.(rebuild.projection.name, rebuild.target);
      }
      first = false;
      await replay(dataSource, store, searchPath, pending, { ...options, concurrency });
      const compared = await mapConcurrently(pending, concurrency, (rebuild) =>
        compareAtTarget(dataSource, rebuild, liveSchema, schema),
      );
      const moved: Rebuild[] = [];
      pending.forEach((rebuild, i) => {
        const comparison = compared[i];
        if (comparison) {
          results[rebuilds.indexOf(rebuild)] = comparison;
          options.onProjectionDone?.(comparison);
        } else if (++rebuild.attempts > 20) {
          throw new Error(`projection ${rebuild.projection.name} keeps moving; stop the writers and try again`);
        } else moved.push(rebuild);
      });
      pending = moved;
    }
    return { schema, kept: options.keep ?? false, identical: results.every((p) => p.identical), projections: results };
  } finally {
    if (!options.keep) await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  }
}

/** One read model being rebuilt: where its rebuilt side is, and the live position it must reach. */
interface Rebuild {
  readonly projection: Projection;
  position: bigint;
  target: bigint;
  attempts: number;
}

async function liveCheckpoints(
  dataSource: DataSource,
  liveSchema: string,
  names: readonly string[],
): Promise<Map<string, bigint>> {
  const rows: { name: string; position: string }[] = await dataSource.query(
    `SELECT name, position FROM ${liveSchema}.projection_checkpoints WHERE name = ANY($1::text[])`,
    [names],
  );
  return new Map(rows.map((row) => [row.name, BigInt(row.position)]));
}

/**
 * Brings every rebuilt read model to its target: reads the log once, page by page, from the
 * lowest rebuilt position (the next page is read while this one is applied), and applies to each
 * projection the page's events after its position and up to its target.
 */
async function replay(
  dataSource: DataSource,
  store: EventStore,
  searchPath: string,
  rebuilds: readonly Rebuild[],
  options: RebuildCompareOptions & { readonly concurrency: number },
): Promise<void> {
  const batchSize = options.batchSize ?? 2_000;
  const behind = () => rebuilds.filter((rebuild) => rebuild.position < rebuild.target);
  const lowest = (list: readonly Rebuild[]) =>
    list.reduce((low, rebuild) => (rebuild.position < low ? rebuild.position : low), list[0].position);
  const read = (after: bigint) => {
    const page = store.readAll({ afterPosition: after, maxCount: batchSize });
    page.catch(() => undefined); // awaited later: not an unhandled rejection meanwhile
    return { after, page };
  };
  let active = behind();
  if (active.length === 0) return;
  let next = read(lowest(active));
  while (active.length > 0) {
    const page = await next.page;
    if (page.length === 0) return; // a target past the head: the comparison will tell
    const last = page[page.length - 1].position;
    // Prefetch: after this page, whatever is still behind is at `last`.
    next = read(last);
    await mapConcurrently(active, options.concurrency, async (rebuild) => {
      const events = page.filter((event) => event.position > rebuild.position && event.position <= rebuild.target);
      if (events.length === 0) return;
      await applyPage(dataSource, searchPath, rebuild.projection, events);
      rebuild.position = events[events.length - 1].position;
      options.onProgress?.(rebuild.projection.name, rebuild.position, rebuild.target);
    });
    active = behind();
    if (active.length > 0 && lowest(active) !== next.after) next = read(lowest(active));
  }
  await next.page.catch(() => undefined); // the last prefetch, not needed: let it end before going on
}

/** One projection's page and its (rebuilt) checkpoint, in one transaction on the rebuilt schema. */
async function applyPage(
  dataSource: DataSource,
  searchPath: string,
  projection: Projection,
  events: readonly RecordedEvent[],
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL search_path TO ${searchPath}`);
    if (projection.applyBatch) await projection.applyBatch(events, manager);
    else for (const event of events) await projection.apply(event, manager);
    await manager.query(
      `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
      [projection.name, events[events.length - 1].position.toString()],
    );
  });
}

/** `work` over the items, at most `limit` at a time; the results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function createReadModelTables(
  dataSource: DataSource,
  schema: string,
  migrations: readonly MigrationClass[],
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL search_path TO ${schema}`);
    for (const Migration of migrations) {
      await new (Migration as new () => MigrationInterface)().up(runner);
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * The live read model may still be moving (the API keeps projecting): the rebuilt side has been
 * brought to the live checkpoint read before; compare inside one snapshot in which the live
 * checkpoint is still that position. Null if it moved meanwhile (the caller catches up to the new
 * one and tries again).
 */
async function compareAtTarget(
  dataSource: DataSource,
  rebuild: Rebuild,
  liveSchema: string,
  schema: string,
): Promise<ProjectionComparison | null> {
  const { projection, target } = rebuild;
  const comparison = await dataSource.transaction('REPEATABLE READ', async (manager) => {
    const rows: { position: string }[] = await manager.query(
      `SELECT position FROM ${liveSchema}.projection_checkpoints WHERE name = $1`,
      [projection.name],
    );
    if (BigInt(rows[0]?.position ?? 0) !== target) return null;
    const tables: TableComparison[] = [];
    for (const table of projection.tables)
      tables.push(await compareTable(manager, `${liveSchema}.${table}`, `${schema}.${table}`, table));
    return tables;
  });
  if (!comparison) return null;
  return {
    projection: projection.name,
    position: target.toString(),
    identical: comparison.every((table) => table.onlyLive === 0 && table.onlyRebuilt === 0),
    tables: comparison,
  };
}

async function compareTable(
  manager: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  liveTable: string,
  rebuiltTable: string,
  table: string,
): Promise<TableComparison> {
  const count = async (sql: string) => Number(((await manager.query(sql)) as { n: string }[])[0].n);
  const onlyIn = (a: string, b: string) => `SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}`;
  const liveRows = await count(`SELECT count(*) AS n FROM ${liveTable}`);
  const rebuiltRows = await count(`SELECT count(*) AS n FROM ${rebuiltTable}`);
  const onlyLive = await count(`SELECT count(*) AS n FROM (${onlyIn(liveTable, rebuiltTable)}) d`);
  // Same number of rows and none only live: then none only rebuilt either (multisets).
  const onlyRebuilt =
    onlyLive === 0 && liveRows === rebuiltRows
      ? 0
      : await count(`SELECT count(*) AS n FROM (${onlyIn(rebuiltTable, liveTable)}) d`);
  const samples: { side: 'live' | 'rebuilt'; row: unknown }[] = [];
  if (onlyLive > 0 || onlyRebuilt > 0) {
    for (const [side, sql] of [
      ['live', onlyIn(liveTable, rebuiltTable)],
      ['rebuilt', onlyIn(rebuiltTable, liveTable)],
    ] as const) {
      const rows = (await manager.query(`SELECT row_to_json(d) AS row FROM (${sql} LIMIT 3) d`)) as { row: unknown }[];
      samples.push(...rows.map((row) => ({ side, row: row.row })));
    }
  }
  return { table, liveRows, rebuiltRows, onlyLive, onlyRebuilt, samples };
}
