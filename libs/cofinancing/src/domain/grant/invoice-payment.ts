import type { Money } from '@ledger/money';

export type PaymentRule = 'effective-rate' | 'commitment-left' | 'remainder';

export interface InvoicePayment {
  readonly paid: Money;
  readonly rule: PaymentRule;
  readonly invoicedTotal: Money;
  readonly disbursedTotal: Money;
  readonly commitmentLeft: Money;
}

/**
 * What one invoice is paid (DESIGN.md, fixed reading):
 * - floor(invoice × subsidy / eligible cost): the grant's effective rate, rounded down once;
 * - never more than the commitment left;
 * - the invoice that brings the invoiced total to (or past) the eligible cost is paid the whole
 *   remainder of the commitment, so no rounding residue is stranded.
 * What pending four-eyes proposals reserve is out of reach; the totals returned count only what is
 * paid (a reservation is not a balance).
 */
export function payInvoice(input: {
  readonly eligibleCost: Money;
  readonly subsidy: Money;
  readonly invoicedBefore: Money;
  readonly disbursedBefore: Money;
  /** Held by pending four-eyes proposals: not paid, but not left to pay either (zero when omitted). */
  readonly reserved?: Money;
  readonly invoice: Money;
}): InvoicePayment {
  const { eligibleCost, subsidy, invoicedBefore, disbursedBefore, invoice } = input;
  const left = subsidy.minus(disbursedBefore).minus(input.reserved ?? subsidy.minus(subsidy));
  const invoicedTotal = invoicedBefore.plus(invoice);
  let paid: Money;
  let rule: PaymentRule;
  if (invoicedTotal.greaterThanOrEqual(eligibleCost)) {
    paid = left;
    rule = 'remainder';
  } else {
    const share = invoice.scaleByFraction(subsidy, eligibleCost);
    [paid, rule] = share.lessThanOrEqual(left) ? [share, 'effective-rate'] : [left, 'commitment-left'];
  }
  const disbursedTotal = disbursedBefore.plus(paid);
  return { paid, rule, invoicedTotal, disbursedTotal, commitmentLeft: subsidy.minus(disbursedTotal) };
}
