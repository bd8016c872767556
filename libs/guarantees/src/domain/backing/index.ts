// What the guarantee fund backs, as of every date: one company's conventions share its fund.
export * from './backing';
export * from './withdrawal';
