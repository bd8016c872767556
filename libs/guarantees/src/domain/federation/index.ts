// A federation of mutual guarantee companies: stream `streamIds.federation(id)`.
export * from './events';
export * from './state';
export * from './decide';
