// A guarantee's life after its issuance: each decision over the guarantee, convention and company streams.
export {
  recordRepayment,
  reverseRepayment,
  type LifecycleDecision,
  type RecordRepayment,
  type ReverseRepayment,
} from './decide';
export * from './decide-default';
