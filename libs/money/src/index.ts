// Public door of @ledger/money: import from here only, never from the files behind it.
export { CURRENCY_CODES, currencyOf, isCurrencyCode } from './currency';
export type { Currency, CurrencyCode, CurrencyLike } from './currency';
export { MAX_ABS_AMOUNT_MINOR, Money, majorString } from './money';
export type { MoneyJson } from './money';
export { BasisPoints } from './basis-points';
export { Ratio } from './ratio';
export { floorDiv, shareFloor } from './rounding';
export {
  AmountOverflowError,
  CurrencyMismatchError,
  decimalsOf,
  DivisionByZeroError,
  FloatAmountError,
  InvalidAmountError,
  InvalidBasisPointsError,
  InvalidRatioError,
  MoneyError,
  namingField,
  NegativeAmountError,
  TooManyDecimalsError,
  UnknownCurrencyError,
} from './errors';
export type { MoneyErrorCode } from './errors';
