// A fund (donors, contributions, windows and their cost-share schedules, commitments): stream `streamIds.fund(id)`.
export * from './events';
export * from './schedule';
export * from './state';
export * from './decide';
export * from './availability';
