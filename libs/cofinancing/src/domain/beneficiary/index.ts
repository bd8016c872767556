// A beneficiary (member firms, cap usage by window and participation year): stream `streamIds.beneficiary(id)`.
export * from './events';
export * from './state';
export * from './decide';
