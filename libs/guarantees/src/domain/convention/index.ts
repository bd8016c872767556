// A bank convention (terms, ceiling, outstanding): stream `streamIds.convention(id)`.
export * from './events';
export * from './state';
export * from './guards';
export * from './decide';
export * from './status';
