import { useTranslation } from 'react-i18next';
import { minorDigits, type MoneyJson } from '../../money';
import { Badge } from '../../ui/kit';

/** What a bank sees of its loan: `GET /banks/:bankId/loan-coverage`, and each item of `…/guarantees`. */
export type LoanState =
  | 'not-guaranteed'
  | 'active'
  | 'released'
  | 'claim-pending'
  | 'claim-partially-paid'
  | 'claim-paid'
  | 'partially-recovered'
  | 'recovered';

export interface LoanDefault {
  readonly calledOn: string | null;
  readonly outstandingAtDefault: MoneyJson;
  readonly claim: MoneyJson;
  readonly claimPaid: MoneyJson;
  readonly claimLeftToPay: MoneyJson;
  readonly claimLastPaidOn: string | null;
  readonly recovered: MoneyJson;
  readonly lastRecoveredOn: string | null;
}

export interface BankLoan {
  readonly bankId: string;
  readonly loanReference: string;
  readonly covered: boolean;
  readonly state: LoanState;
  readonly guaranteeId: string | null;
  readonly conventionId?: string;
  readonly coverageRateBp?: number;
  readonly principal?: MoneyJson;
  readonly guaranteedAmount?: MoneyJson;
  readonly outstandingPrincipal?: MoneyJson;
  readonly guaranteedOutstanding?: MoneyJson;
  readonly loanStartDate?: string;
  readonly maturityDate?: string;
  readonly issuedOn?: string;
  readonly releasedOn?: string | null;
  readonly default?: LoanDefault | null;
}

/** One of the bank's conventions, with its company's name (`GET /banks/:bankId/conventions`). */
export interface BankConvention {
  readonly conventionId: string;
  readonly companyId: string;
  readonly companyName: string | null;
  readonly bankId: string;
  readonly currency: string;
  readonly status: string;
  readonly openForIssuance: boolean;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly coverageRateBp: number;
  readonly capacity: MoneyJson;
  readonly outstanding: MoneyJson;
  readonly headroom: MoneyJson;
}

/** A convention's capacity and headroom, now or as of a date (`…/conventions/:id/headroom`). */
export interface Headroom {
  readonly conventionId: string;
  readonly companyId: string;
  readonly status: string;
  readonly openForIssuance: boolean;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly multiplier: { readonly ratio: string; readonly decimal: string };
  readonly ceilingBasis: string;
  readonly fundBalance: MoneyJson;
  readonly capacity: MoneyJson;
  readonly outstanding: MoneyJson;
  readonly headroom: MoneyJson;
  readonly asOf?: string;
}

/** The bank's part of the API: every path names the signed-in user's own bank. */
export const bankPath = (bankId: string | null) => `/banks/${encodeURIComponent(bankId ?? '')}`;

const STATE_TONE: Record<LoanState, 'good' | 'bad' | 'warn' | 'neutral'> = {
  'not-guaranteed': 'warn',
  active: 'good',
  released: 'neutral',
  'claim-pending': 'bad',
  'claim-partially-paid': 'warn',
  'claim-paid': 'warn',
  'partially-recovered': 'warn',
  recovered: 'neutral',
};

export function LoanStateBadge(props: { state: LoanState }) {
  const { t } = useTranslation('bank');
  return <Badge tone={STATE_TONE[props.state]}>{t(`loanState.${props.state}`)}</Badge>;
}

/** Sums amounts exactly, one total per currency (in the order the currencies first appear). */
export function totals(amounts: readonly (MoneyJson | null | undefined)[]): MoneyJson[] {
  const sums = new Map<string, bigint>();
  for (const money of amounts) {
    if (!money) continue;
    sums.set(money.currency, (sums.get(money.currency) ?? 0n) + BigInt(money.amountMinor));
  }
  return [...sums].map(([currency, sum]) => ({ amountMinor: sum.toString(), currency }));
}

/** Basis points as a percentage for the statement's CSV: 5000 → "50,00" (exact, a decimal comma). */
export const csvPercent = (bp: number): string => `${Math.trunc(bp / 100)},${String(bp % 100).padStart(2, '0')}`;

/**
 * An amount for the statement's CSV (French Excel: `;` between fields), a plain decimal with a
 * comma and no grouping, so the cell is a number; exact, never through a float.
 */
export function csvAmount(money: MoneyJson | null | undefined): string {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  const negative = money.amountMinor.startsWith('-');
  const units = negative ? money.amountMinor.slice(1) : money.amountMinor;
  const padded = units.padStart(digits + 1, '0');
  const whole = digits ? padded.slice(0, -digits) : padded;
  const fraction = digits ? `,${padded.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
