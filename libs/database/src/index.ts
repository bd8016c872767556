export { Database, type DatabaseOptions, type DatabaseKind } from './database';
export { dataSourceOptions, openDataSource, type ReadModelOptions } from './data-source';
export { keysetRows, type KeysetQuery, type SqlRow } from './keyset';
