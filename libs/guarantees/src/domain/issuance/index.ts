// Issuing a guarantee: one decision over the guarantee, convention, company and bank loan streams.
export * from './decide';
