// A grant, from request to closure, and the rule that pays its invoices: stream `streamIds.grant(id)`.
export * from './events';
export * from './state';
export * from './invoice-payment';
export * from './decide';
export * from './decide-disbursement';
export * from './decide-closure';
