export { CreateGuaranteeBalancesAsOf1764620000000 } from './1764620000000-create-guarantee-balances-as-of';
export {
  GUARANTEE_BALANCES_PROJECTION,
  guaranteeBalanceEffects,
  guaranteeBalances,
  guaranteeBalancesProjection,
} from './guarantee-balance-effects';
export { GuaranteeBalancesAsOfHandler } from './guarantee-balances-as-of.handler';
export { GuaranteeBalancesAsOfQuery, type GuaranteeBalancesTarget } from './guarantee-balances-as-of.query';
export { GuaranteeBalancesAsOf, type MoneyAsOf } from './guarantee-balances-as-of.service';
