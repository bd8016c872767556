// The pure domain of mutual guarantee companies: events, states, decisions, typed errors.
export * from './errors';
export * from './ids';
export * from './federation';
export * from './company';
export * from './convention';
export * from './guarantee';
export * from './bank-loan';
export * from './issuance';
export * from './lifecycle';
export * from './backing';
export * from './catalog';
export * from './four-eyes.events';
export * from './four-eyes';
export * from './four-eyes.legacy';
