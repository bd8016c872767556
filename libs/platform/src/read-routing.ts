import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

const routing = new AsyncLocalStorage<{ readonly replica: boolean }>();

/** Runs `work` (a query's handling) with its reads sent to the read pool, or to the primary. */
export function readingFrom<T>(replica: boolean, work: () => T): T {
  return routing.run({ replica }, work);
}

/**
 * The data source queries inject: the read pool inside a query that may use it (see
 * MinPositionInterceptor), the primary everywhere else — commands, projections, anything outside a
 * request — so nothing is ever written to, or decided from, a replica.
 */
export function routedDataSource(primary: DataSource, replica: DataSource): DataSource {
  return new Proxy(primary, {
    get(_target, property) {
      const source = routing.getStore()?.replica ? replica : primary;
      const value: unknown = Reflect.get(source, property, source);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(source) : value;
    },
  });
}
