import { Money } from '@ledger/money';
import type { IssuedGuarantee } from '../../domain';
import { moneyView, type MoneyView } from './command-support';

/** What a command on a guarantee answers: its state and the fund balance after it. */
export interface GuaranteeReceipt {
  readonly guaranteeId: string;
  readonly status: string;
  readonly outstandingPrincipal: MoneyView;
  readonly guaranteedOutstanding: MoneyView;
  readonly claim: MoneyView | null;
  readonly claimPaid: MoneyView | null;
  readonly recovered: MoneyView | null;
  readonly fundBalance: MoneyView;
}

export function guaranteeReceipt(guarantee: IssuedGuarantee, fundBalance: Money): GuaranteeReceipt {
  const zero = Money.zero(guarantee.principal.currency);
  const called = guarantee.status === 'called' ? guarantee : null;
  return {
    guaranteeId: guarantee.guaranteeId,
    status: guarantee.status,
    outstandingPrincipal: moneyView(guarantee.status === 'active' ? guarantee.outstandingPrincipal : zero),
    guaranteedOutstanding: moneyView(guarantee.status === 'active' ? guarantee.guaranteedOutstanding : zero),
    claim: called ? moneyView(called.claim) : null,
    claimPaid: called ? moneyView(called.claimPaid) : null,
    recovered: called ? moneyView(called.recovered) : null,
    fundBalance: moneyView(fundBalance),
  };
}
