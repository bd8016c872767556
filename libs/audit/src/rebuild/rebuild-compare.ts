import type { DataSource, MigrationInterface } from 'typeorm';
import { ProjectionRunner, eventSourcingMigrations, type Projection } from '@ledger/event-sourcing';
import type { EventStore } from '@ledger/event-store';

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
   * How many projections are rebuilt at once (default 4). A pass waits on the database most of
   * the time (row by row), so passes side by side use the cores; each holds one connection while
   * it applies a page, so on a pool of one (embedded) they simply take turns.
   */
  readonly concurrency?: number;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationClass = Function;

/**
 * Rebuilds every read model from the log into a fresh schema and compares it, table by table,
 * with the live one at the same log position. The fresh schema gets the read models' own
 * migrations; the projections run unchanged, their transactions pointed at it with
 * `SET LOCAL search_path`, reading the live log. Events stream through in pages and the comparison
 * is done by the database (EXCEPT ALL), so memory stays flat whatever the size of the log.
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
    const projections: ProjectionComparison[] = new Array(readModels.projections.length);
    let next = 0;
    const pass = async () => {
      while (next < readModels.projections.length) {
        const index = next++;
        const projection = readModels.projections[index];
        const rebuilt = new ProjectionRunner(projection, store, dataSource, { searchPath });
        const live = new ProjectionRunner(projection, store, dataSource);
        projections[index] = await compareAtSamePosition(
          dataSource,
          projection,
          live,
          rebuilt,
          liveSchema,
          schema,
          options,
        );
        options.onProjectionDone?.(projections[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, pass));
    return { schema, kept: options.keep ?? false, identical: projections.every((p) => p.identical), projections };
  } finally {
    if (!options.keep) await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  }
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
 * The live read model may still be moving (the API keeps projecting): bring the rebuilt side to
 * the live checkpoint, then compare inside one snapshot in which the live checkpoint is still that
 * position; if it moved meanwhile, catch up to the new one and try again.
 */
async function compareAtSamePosition(
  dataSource: DataSource,
  projection: Projection,
  live: ProjectionRunner,
  rebuilt: ProjectionRunner,
  liveSchema: string,
  schema: string,
  options: RebuildCompareOptions,
): Promise<ProjectionComparison> {
  for (let attempt = 0; ; attempt++) {
    const target = await live.storedCheckpoint();
    if (attempt === 0) options.onProjectionStart?.(projection.name, target);
    await rebuilt.catchUp({
      until: target,
      onProgress: (position) => options.onProgress?.(projection.name, position, target),
    });
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
    if (comparison) {
      return {
        projection: projection.name,
        position: target.toString(),
        identical: comparison.every((table) => table.onlyLive === 0 && table.onlyRebuilt === 0),
        tables: comparison,
      };
    }
    if (attempt >= 20) throw new Error(`projection ${projection.name} keeps moving; stop the writers and try again`);
  }
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
  const onlyRebuilt = await count(`SELECT count(*) AS n FROM (${onlyIn(rebuiltTable, liveTable)}) d`);
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
