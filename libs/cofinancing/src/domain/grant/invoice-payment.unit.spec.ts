import fc from 'fast-check';
import { Money } from '@ledger/money';
import { payInvoice } from './invoice-payment';

/** A grant (eligible cost, subsidy ≤ eligible cost) and a series of positive invoices. */
const grantAndInvoices = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 10_000 }))
  .chain(([eligible, rateBp]) =>
    fc.record({
      eligible: fc.constant(eligible),
      subsidy: fc.constant((eligible * BigInt(rateBp)) / 10_000n),
      invoices: fc.array(fc.bigInt({ min: 1n, max: eligible }), { minLength: 1, maxLength: 12 }),
    }),
  );

function run(eligible: bigint, subsidy: bigint, invoices: readonly bigint[]) {
  const m = (minor: bigint) => Money.ofMinor(minor, 'TND');
  let invoiced = m(0n);
  let disbursed = m(0n);
  const payments: bigint[] = [];
  for (const amount of invoices) {
    if (disbursed.amountMinor >= subsidy) break; // the decider refuses invoices once nothing is left
    const payment = payInvoice({
      eligibleCost: m(eligible),
      subsidy: m(subsidy),
      invoicedBefore: invoiced,
      disbursedBefore: disbursed,
      invoice: m(amount),
    });
    payments.push(payment.paid.amountMinor);
    invoiced = payment.invoicedTotal;
    disbursed = payment.disbursedTotal;
  }
  return { payments, invoiced: invoiced.amountMinor, disbursed: disbursed.amountMinor };
}

describe('invoice payments (property)', () => {
  it('never pay more than the subsidy in total, never a negative amount', () => {
    fc.assert(
      fc.property(grantAndInvoices, ({ eligible, subsidy, invoices }) => {
        const { payments, disbursed } = run(eligible, subsidy, invoices);
        expect(payments.every((p) => p >= 0n)).toBe(true);
        expect(disbursed <= subsidy).toBe(true);
      }),
    );
  });

  it('pay exactly the subsidy once the invoices reach the eligible cost: no residue is stranded', () => {
    fc.assert(
      fc.property(grantAndInvoices, ({ eligible, subsidy, invoices }) => {
        const { invoiced, disbursed } = run(eligible, subsidy, invoices);
        if (invoiced >= eligible) expect(disbursed).toBe(subsidy);
      }),
    );
  });

  it('before the eligible cost is reached, each invoice is paid floor(invoice × subsidy / eligible cost) or what is left', () => {
    fc.assert(
      fc.property(grantAndInvoices, ({ eligible, subsidy, invoices }) => {
        const { payments } = run(eligible, subsidy, invoices);
        let invoicedSoFar = 0n;
        let paidSoFar = 0n;
        payments.forEach((paid, index) => {
          invoicedSoFar += invoices[index];
          const left = subsidy - paidSoFar;
          if (invoicedSoFar < eligible) {
            const share = (invoices[index] * subsidy) / eligible;
            expect(paid).toBe(share < left ? share : left);
          } else {
            expect(paid).toBe(left);
          }
          paidSoFar += paid;
        });
      }),
    );
  });
});
