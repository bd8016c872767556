// Every event of the context, by aggregate (each defined in its folder's events.ts), and the context's catalog.
// four-eyes.ts reads the events it reserves for through this door.
export * from './fund/events';
export * from './beneficiary/events';
export * from './grant/events';
export * from './catalog';
