export { Database, type DatabaseOptions, type DatabaseKind } from './database';
export { dataSourceOptions, openDataSource, type ReadModelOptions } from './data-source';
