// The pure domain of co-financing: one folder per aggregate (events, state, decisions), the shared
// calendar and typed errors, the stream ids, the context's event catalog, and four-eyes.
export * from './calendar';
export * from './errors';
export * from './ids';
export * from './catalog';
export * from './fund';
export * from './beneficiary';
export * from './grant';
export * from './four-eyes';
export * from './four-eyes.errors';
export * from './four-eyes.legacy';
