import * as pg from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { Database } from './database';

export interface ReadModelOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/**
 * TypeORM options that reuse the ledger's one pool instead of opening a second one — on the
 * embedded database a second pool would be a second session. TypeORM asks its driver module for
 * a `Pool`; we hand it ours, and keep `end()` for the `Database` that owns it.
 */
export function dataSourceOptions(database: Database, readModels: ReadModelOptions): DataSourceOptions {
  const sharedPool = new Proxy(database.pool, {
    get(target, property, receiver) {
      if (property === 'end') return (callback?: (error?: Error) => void) => callback?.();
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const driver = {
    ...pg,
    Pool: function SharedPool() {
      return sharedPool;
    },
  };
  return {
    type: 'postgres',
    driver,
    schema: database.schema,
    entities: readModels.entities,
    migrations: readModels.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
  };
}

/**
 * Opens a TypeORM data source on the shared pool and applies pending migrations. On a server,
 * replicas starting together take turns (a session advisory lock per schema): the first applies
 * them, the others then find nothing to do.
 */
export async function openDataSource(database: Database, readModels: ReadModelOptions): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(database, readModels));
  await dataSource.initialize();
  await database.exclusively(`ledger-migrations:${database.schema}`, () =>
    dataSource.runMigrations({ transaction: 'each' }),
  );
  return dataSource;
}
