import type { CurrencyCode } from '@ledger/money';

/** The entities an auditor gets a balance row for. */
export const BALANCE_ENTITIES = [
  'fund',
  'window',
  'donor',
  'beneficiary-year',
  'company',
  'convention',
  'guarantee',
] as const;
export type BalanceEntity = (typeof BALANCE_ENTITIES)[number];

/** Every amount a balance row may carry (each row fills the ones that apply to its entity). */
export const BALANCE_AMOUNTS = [
  // co-financing fund
  'contributed',
  'committed',
  'disbursed',
  'available',
  'outstanding_commitments',
  'released',
  'eligible_cost',
  'subsidy',
  'own_share',
  'invoiced',
  // mutual guarantee
  'capital_subscribed',
  'capital_paid',
  'fund_deposited',
  'fund_withdrawn',
  'fund_balance',
  'capacity',
  'outstanding',
  'headroom',
  'principal',
  'guaranteed_amount',
  'credit_mobilised',
  'outstanding_principal',
  'guaranteed_outstanding',
  'claims_called',
  'claims_paid',
  'recoveries',
] as const;
export type BalanceAmount = (typeof BALANCE_AMOUNTS)[number];

export const BALANCE_KEYS = [
  'fund_id',
  'window_id',
  'donor_id',
  'beneficiary_id',
  'participation_year',
  'company_id',
  'convention_id',
  'bank_id',
  'member_id',
] as const;
export type BalanceKey = (typeof BALANCE_KEYS)[number];

/**
 * One entity's balances: its keys, one currency, amounts in minor units. Every entity of the
 * ledger has exactly one currency, so one currency column serves all of a row's amounts.
 */
export interface BalanceRow {
  readonly entity: BalanceEntity;
  readonly id: string;
  readonly keys: Partial<Record<BalanceKey, string | number>>;
  readonly name: string | null;
  readonly status: string | null;
  readonly currency: CurrencyCode;
  readonly amounts: Partial<Record<BalanceAmount, bigint>>;
}

/**
 * Where the rows come from: the as-of services (balances as they stood at the end of a business
 * date), or the live read models (balances now, at the position the projections have reached).
 */
export type BalanceBasis = 'as-of' | 'live';

/**
 * An as-of balance source: the as-of services of the two contexts, adapted to rows (register it
 * under `BALANCES_AS_OF`). Until one is registered, balance exports come from the live read
 * models and say so in every row (`basis = live`).
 */
export interface BalancesAsOfSource {
  rows(asOf: string): AsyncIterable<BalanceRow>;
}

export const BALANCES_AS_OF = Symbol('BALANCES_AS_OF');
