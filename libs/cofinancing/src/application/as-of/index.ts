export { CreateCofinancingBalancesAsOf1764610000000 } from './1764610000000-create-cofinancing-balances-as-of';
export {
  COFINANCING_BALANCES_PROJECTION,
  cofinancingBalanceEffects,
  cofinancingBalances,
  cofinancingBalancesProjection,
} from './cofinancing-balance-effects';
export { CofinancingBalancesAsOfHandler } from './cofinancing-balances-as-of.handler';
export { CofinancingBalancesAsOfQuery, type CofinancingBalancesTarget } from './cofinancing-balances-as-of.query';
export { CofinancingBalancesAsOf } from './cofinancing-balances-as-of.service';
export type * from './cofinancing-balances-as-of.views';
