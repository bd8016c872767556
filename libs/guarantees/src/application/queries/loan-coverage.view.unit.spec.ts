import { calledLoanState, loanCoverageView } from './loan-coverage.view';

const xof = (amountMinor: string) => ({ amountMinor, currency: 'XOF' });

/** A 300,000,000 XOF loan at 50 %, called with 300,000,000 outstanding: a 150,000,000 claim. */
const called = {
  guarantee_id: 'g-1',
  convention_id: 'c-1',
  loan_reference: 'CNCAS/2008/001',
  currency: 'XOF',
  status: 'called',
  principal: '300000000',
  coverage_rate_bp: 5000,
  guaranteed_amount: '150000000',
  outstanding_principal: '0',
  guaranteed_outstanding: '0',
  loan_start_date: '2008-05-01',
  maturity_date: '2010-05-01',
  issued_on: '2008-05-01',
  released_on: null,
  called_on: '2009-02-01',
  outstanding_at_default: '300000000',
  claim_amount: '150000000',
  claim_paid: '0',
  recovered: '0',
  claim_last_paid_on: null,
  last_recovered_on: null,
  last_position: '42',
};

describe("the bank's view of a loan", () => {
  it('names where a called loan stands from its claim, payments and recoveries', () => {
    expect(calledLoanState(150n, 0n, 0n)).toBe('claim-pending');
    expect(calledLoanState(150n, 60n, 0n)).toBe('claim-partially-paid');
    expect(calledLoanState(150n, 150n, 0n)).toBe('claim-paid');
    expect(calledLoanState(150n, 150n, 50n)).toBe('partially-recovered');
    expect(calledLoanState(150n, 150n, 150n)).toBe('recovered');
    // Nothing outstanding at default: nothing to pay.
    expect(calledLoanState(0n, 0n, 0n)).toBe('claim-paid');
  });

  it('shows a defaulted loan with its outstanding at default and its claim, not zeros', () => {
    const view = loanCoverageView('CNCAS', 'CNCAS/2008/001', called);
    expect(view).toMatchObject({
      covered: true,
      state: 'claim-pending',
      status: 'called',
      // Before: outstanding 0 and guaranteed 0 while the borrower still owed 300,000,000.
      outstandingPrincipal: xof('300000000'),
      guaranteedOutstanding: xof('150000000'),
      default: {
        calledOn: '2009-02-01',
        outstandingAtDefault: xof('300000000'),
        claim: xof('150000000'),
        claimPaid: xof('0'),
        claimLeftToPay: xof('150000000'),
        recovered: xof('0'),
      },
    });
    const paid = loanCoverageView('CNCAS', 'CNCAS/2008/001', {
      ...called,
      claim_paid: '150000000',
      claim_last_paid_on: '2009-03-01',
      recovered: '50000000',
      last_recovered_on: '2009-06-01',
    });
    expect(paid).toMatchObject({
      covered: false,
      state: 'partially-recovered',
      guaranteedOutstanding: xof('0'),
      default: { claimLeftToPay: xof('0'), claimLastPaidOn: '2009-03-01', lastRecoveredOn: '2009-06-01' },
    });
  });

  it('answers not-guaranteed for an unknown loan, and active with no default for a loan in force', () => {
    expect(loanCoverageView('CNCAS', 'NOPE-1', undefined)).toEqual({
      bankId: 'CNCAS',
      loanReference: 'NOPE-1',
      covered: false,
      state: 'not-guaranteed',
      guaranteeId: null,
    });
    const active = loanCoverageView('CNCAS', 'CNCAS/2008/001', {
      ...called,
      status: 'active',
      outstanding_principal: '200000000',
      guaranteed_outstanding: '100000000',
      called_on: null,
      outstanding_at_default: null,
      claim_amount: null,
    });
    expect(active).toMatchObject({
      covered: true,
      state: 'active',
      outstandingPrincipal: xof('200000000'),
      guaranteedOutstanding: xof('100000000'),
      default: null,
      claim: null,
    });
  });
});
