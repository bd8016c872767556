import { Money } from '@ledger/money';
import { DomainError } from '@ledger/kernel';
import {
  CommitmentExhausted,
  DateOutOfOrder,
  DuplicateInvoice,
  FundInsufficient,
  GrantNotFound,
  IllegalGrantTransition,
  ParticipationYearIneligible,
  RequestBeforeEnrolment,
  WindowNotFound,
  WrongCurrency,
  AmountNotPositive,
  BeneficiaryNotFound,
} from '../errors';
import { GrantApproved, GrantDisbursed, GrantRejected, GrantRequested, type GrantEvent } from './events';
import { approveGrant, rejectGrant, requestGrant } from './decide';
import { cancelGrant, closeGrant } from './decide-closure';
import { disburseGrant, type DisburseGrant } from './decide-disbursement';
import {
  CONSORTIUM,
  bp,
  FUND,
  PROMOTION,
  consortiumEvents,
  givenBeneficiary,
  givenFund,
  givenGrant,
  mad,
  madMinor,
  moroccanFundEvents,
} from '../test-fixtures';

const GRANT = 'grant-salon-1';
const fund = givenFund(moroccanFundEvents());
const beneficiary = givenBeneficiary(consortiumEvents());

const requested = (eligibleCost = mad(120_000), requestedOn = '2021-06-01', participationYear = 1) =>
  GrantRequested.create({
    grantId: GRANT,
    fundId: FUND,
    windowId: PROMOTION,
    beneficiaryId: CONSORTIUM,
    serviceProvider: 'Maroc Export',
    description: 'SIAL Paris stand',
    eligibleCost,
    requestedOn,
    participationYear,
  });

/** Eligible 120 000 MAD, subsidy 65 000 MAD (year-1 cap already partly used): effective rate 54.17 %. */
const approved = () =>
  GrantApproved.create({
    grantId: GRANT,
    fundId: FUND,
    windowId: PROMOTION,
    beneficiaryId: CONSORTIUM,
    participationYear: 1,
    approvedOn: '2021-06-10',
    eligibleCost: mad(120_000),
    subsidy: mad(65_000),
    ownShare: mad(55_000),
    rate: bp(7500),
    scheduleVersion: 1,
    computation: {
      yearRule: 'schedule-year',
      rateSubsidy: mad(90_000),
      cap: mad(200_000),
      capUsedBefore: mad(135_000),
      capLeft: mad(65_000),
      limitedBy: 'cap',
      fundAvailableBefore: mad(10_000_000),
    },
  });

const invoice = (reference: string, amount: Money, disbursedOn = '2021-07-01'): DisburseGrant => ({
  type: 'DisburseGrant',
  grantId: GRANT,
  disbursementId: `d-${reference}`,
  invoiceReference: reference,
  invoiceDate: disbursedOn,
  invoiceAmount: amount,
  disbursedOn,
});

function expectRefusal(run: () => unknown, type: abstract new (...args: never[]) => DomainError, figures = {}) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect(caught).toMatchObject(figures);
}

describe('grant decider', () => {
  describe('when nothing exists yet', () => {
    it('a request records the eligible cost and the participation year from the request date', () => {
      const events = requestGrant(
        {
          type: 'RequestGrant',
          grantId: GRANT,
          fundId: FUND,
          windowId: PROMOTION,
          beneficiaryId: CONSORTIUM,
          serviceProvider: 'Maroc Export',
          description: 'SIAL Paris stand',
          eligibleCost: mad(120_000),
          requestedOn: '2022-03-15',
        },
        { grant: { status: 'none' }, fund, beneficiary },
      );
      expect(events).toEqual([requested(mad(120_000), '2022-03-15', 2)]);
    });

    const base = {
      type: 'RequestGrant' as const,
      grantId: GRANT,
      fundId: FUND,
      windowId: PROMOTION,
      beneficiaryId: CONSORTIUM,
      serviceProvider: 'p',
      description: 'd',
      eligibleCost: mad(1_000),
      requestedOn: '2021-06-01',
    };
    it.each([
      ['an unknown window', { windowId: 'nope' }, WindowNotFound],
      ['an unknown beneficiary', { beneficiaryId: 'nope' }, BeneficiaryNotFound],
      ['an amount in EUR', { eligibleCost: Money.ofMinor(100n, 'EUR') }, WrongCurrency],
      ['a zero eligible cost', { eligibleCost: Money.zero('MAD') }, AmountNotPositive],
      ['a date before enrolment', { requestedOn: '2021-03-14' }, RequestBeforeEnrolment],
    ])('a request with %s is refused', (_, change, type) => {
      expect(() => requestGrant({ ...base, ...change }, { grant: { status: 'none' }, fund, beneficiary })).toThrow(
        type,
      );
    });

    it('the wrong currency names the field', () => {
      expectRefusal(
        () =>
          requestGrant(
            { ...base, eligibleCost: Money.ofMinor(100n, 'EUR') },
            { grant: { status: 'none' }, fund, beneficiary },
          ),
        WrongCurrency,
        { field: 'eligibleCost.currency', expected: 'MAD', actual: 'EUR' },
      );
    });

    it('approving, disbursing or closing an unknown grant is "not found"', () => {
      const none = givenGrant([]);
      expect(() =>
        approveGrant(
          { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2021-06-10' },
          { grant: none, fund, beneficiary },
        ),
      ).toThrow(GrantNotFound);
      expect(() => disburseGrant(invoice('F1', mad(1)), none)).toThrow(GrantNotFound);
      expect(() => closeGrant({ type: 'CloseGrant', grantId: GRANT, closedOn: '2021-07-01' }, none)).toThrow(
        GrantNotFound,
      );
    });
  });

  describe('when requested', () => {
    const state = givenGrant([requested(mad(180_000))]);

    it('approval computes the subsidy and writes one event to each of grant, fund and beneficiary', () => {
      const decision = approveGrant(
        { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2021-06-10' },
        { grant: state, fund, beneficiary },
      );
      expect(decision.grant).toHaveLength(1);
      const event = decision.grant[0] as GrantApproved;
      expect(event.type).toBe('cofinancing.GrantApproved');
      expect(event.subsidy.equals(mad(135_000))).toBe(true);
      expect(event.ownShare.equals(mad(45_000))).toBe(true);
      expect(event.rate.value).toBe(7500);
      expect(event.scheduleVersion).toBe(1);
      expect(event.computation.limitedBy).toBe('rate');
      expect(event.computation.fundAvailableBefore.equals(mad(10_000_000))).toBe(true);
      expect(decision.fund).toMatchObject([{ type: 'cofinancing.FundsCommitted', grantId: GRANT }]);
      expect(decision.beneficiary).toMatchObject([
        { type: 'cofinancing.CapAllocated', windowId: PROMOTION, participationYear: 1 },
      ]);
    });

    it('approval is refused when the fund cannot afford the subsidy, with both figures', () => {
      const poor = givenFund(moroccanFundEvents(mad(100_000)));
      expectRefusal(
        () =>
          approveGrant(
            { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2021-06-10' },
            { grant: state, fund: poor, beneficiary },
          ),
        FundInsufficient,
        {},
      );
      try {
        approveGrant(
          { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2021-06-10' },
          { grant: state, fund: poor, beneficiary },
        );
      } catch (error) {
        const e = error as FundInsufficient;
        expect(e.available.equals(mad(100_000))).toBe(true);
        expect(e.requested.equals(mad(135_000))).toBe(true);
      }
    });

    it('approval in participation year 4 follows the after-last-year rule (ineligible)', () => {
      const year4 = givenGrant([requested(mad(100_000), '2024-03-15', 4)]);
      expect(() =>
        approveGrant(
          { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2024-04-01' },
          { grant: year4, fund, beneficiary },
        ),
      ).toThrow(ParticipationYearIneligible);
    });

    it('approval dated before the request is refused', () => {
      expectRefusal(
        () =>
          approveGrant(
            { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2021-05-31' },
            { grant: state, fund, beneficiary },
          ),
        DateOutOfOrder,
        { field: 'approvedOn' },
      );
    });

    it('rejection records the reason', () => {
      expect(
        rejectGrant(
          { type: 'RejectGrant', grantId: GRANT, rejectedOn: '2021-06-02', reason: 'not a collective project' },
          state,
        ),
      ).toEqual([
        GrantRejected.create({
          grantId: GRANT,
          fundId: FUND,
          windowId: PROMOTION,
          beneficiaryId: CONSORTIUM,
          rejectedOn: '2021-06-02',
          reason: 'not a collective project',
        }),
      ]);
    });

    it('cancellation releases nothing (nothing was committed)', () => {
      const decision = cancelGrant(
        { type: 'CancelGrant', grantId: GRANT, cancelledOn: '2021-06-02', reason: 'withdrawn' },
        state,
      );
      expect(decision.grant).toMatchObject([{ type: 'cofinancing.GrantCancelled', released: Money.zero('MAD') }]);
      expect(decision.fund).toEqual([]);
      expect(decision.beneficiary).toEqual([]);
    });

    it('disbursing or closing before approval is an illegal transition', () => {
      expectRefusal(() => disburseGrant(invoice('F1', mad(1_000)), state), IllegalGrantTransition, {
        from: 'requested',
        command: 'disburse',
      });
      expectRefusal(
        () => closeGrant({ type: 'CloseGrant', grantId: GRANT, closedOn: '2021-07-01' }, state),
        IllegalGrantTransition,
        { from: 'requested', command: 'close' },
      );
    });
  });

  describe('when rejected', () => {
    const state = givenGrant([
      requested(),
      GrantRejected.create({
        grantId: GRANT,
        fundId: FUND,
        windowId: PROMOTION,
        beneficiaryId: CONSORTIUM,
        rejectedOn: '2021-06-02',
        reason: 'x',
      }),
    ]);
    it.each([
      [
        'approve',
        () =>
          approveGrant(
            { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2021-06-10' },
            { grant: state, fund, beneficiary },
          ),
      ],
      ['disburse', () => disburseGrant(invoice('F1', mad(1_000)), state)],
      [
        'reject',
        () => rejectGrant({ type: 'RejectGrant', grantId: GRANT, rejectedOn: '2021-06-02', reason: 'again' }, state),
      ],
      [
        'cancel',
        () => cancelGrant({ type: 'CancelGrant', grantId: GRANT, cancelledOn: '2021-06-02', reason: 'x' }, state),
      ],
    ])('%s is an illegal transition', (command, run) => {
      expectRefusal(run, IllegalGrantTransition, { from: 'rejected', command });
    });
  });

  describe('when approved (eligible 120 000 MAD, subsidy 65 000 MAD)', () => {
    const state = givenGrant([requested(), approved()]);

    it('approving twice is an illegal transition', () => {
      expectRefusal(
        () =>
          approveGrant(
            { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2021-06-10' },
            { grant: state, fund, beneficiary },
          ),
        IllegalGrantTransition,
        { from: 'approved', command: 'approve' },
      );
    });

    it('pays each invoice at the effective rate, rounded down, and the last one the whole remainder (hand calculation)', () => {
      // 3 333 333 × 6 500 000 / 12 000 000 = 1 805 555.375 → 1 805 555
      const first = disburseGrant(invoice('F1', madMinor(3_333_333n)), state);
      expect((first[0] as GrantDisbursed).paid.amountMinor).toBe(1_805_555n);
      expect((first[0] as GrantDisbursed).rule).toBe('effective-rate');
      // 5 000 000 × 6 500 000 / 12 000 000 = 2 708 333.33 → 2 708 333
      const afterFirst = givenGrant([requested(), approved(), ...first]);
      const second = disburseGrant(invoice('F2', madMinor(5_000_000n)), afterFirst);
      expect((second[0] as GrantDisbursed).paid.amountMinor).toBe(2_708_333n);
      // 3 666 667 brings the invoiced total to 12 000 000: remainder 6 500 000 − 1 805 555 − 2 708 333 = 1 986 112
      const afterSecond = givenGrant([requested(), approved(), ...first, ...second]);
      const third = disburseGrant(invoice('F3', madMinor(3_666_667n)), afterSecond);
      const last = third[0] as GrantDisbursed;
      expect(last.paid.amountMinor).toBe(1_986_112n);
      expect(last.rule).toBe('remainder');
      expect(last.disbursedTotal.equals(mad(65_000))).toBe(true);
      expect(last.commitmentLeft.isZero()).toBe(true);
      // Nothing left: a further invoice is refused.
      const done = givenGrant([requested(), approved(), ...first, ...second, ...third]);
      expect(() => disburseGrant(invoice('F4', mad(1_000)), done)).toThrow(CommitmentExhausted);
    });

    it('refuses an invoice reference already paid, another currency, or a date before approval', () => {
      const once = givenGrant([requested(), approved(), ...disburseGrant(invoice('F1', mad(10_000)), state)]);
      expect(() => disburseGrant(invoice('F1', mad(10_000)), once)).toThrow(DuplicateInvoice);
      expectRefusal(() => disburseGrant(invoice('F2', Money.ofMinor(1n, 'EUR')), state), WrongCurrency, {
        field: 'invoiceAmount.currency',
      });
      expect(() => disburseGrant(invoice('F2', mad(1), '2021-06-09'), state)).toThrow(DateOutOfOrder);
    });

    it('closing with nothing disbursed releases the whole commitment to the fund and the cap', () => {
      const decision = closeGrant({ type: 'CloseGrant', grantId: GRANT, closedOn: '2021-12-31' }, state);
      expect(decision.grant).toMatchObject([{ type: 'cofinancing.GrantClosed' }]);
      const closed = decision.grant[0] as Extract<GrantEvent, { type: 'cofinancing.GrantClosed' }>;
      expect(closed.released.equals(mad(65_000))).toBe(true);
      expect(decision.fund).toMatchObject([{ type: 'cofinancing.CommitmentReleased', reason: 'closed' }]);
      expect(decision.beneficiary).toMatchObject([{ type: 'cofinancing.CapReleased', participationYear: 1 }]);
    });

    it('closing after a partial disbursement releases only the unused commitment', () => {
      const paid = disburseGrant(invoice('F1', mad(60_000)), state); // 60 000 × 65/120 = 32 500 MAD
      const partly = givenGrant([requested(), approved(), ...paid]);
      const decision = closeGrant({ type: 'CloseGrant', grantId: GRANT, closedOn: '2021-12-31' }, partly);
      const closed = decision.grant[0] as Extract<GrantEvent, { type: 'cofinancing.GrantClosed' }>;
      expect(closed.disbursed.equals(mad(32_500))).toBe(true);
      expect(closed.released.equals(mad(32_500))).toBe(true);
      expect(decision.fund).toHaveLength(1);
    });

    it('cancelling before any disbursement releases the whole commitment; after one it is refused', () => {
      const decision = cancelGrant(
        { type: 'CancelGrant', grantId: GRANT, cancelledOn: '2021-06-11', reason: 'fair cancelled' },
        state,
      );
      expect(decision.fund).toMatchObject([{ type: 'cofinancing.CommitmentReleased', reason: 'cancelled' }]);
      const partly = givenGrant([requested(), approved(), ...disburseGrant(invoice('F1', mad(60_000)), state)]);
      expectRefusal(
        () => cancelGrant({ type: 'CancelGrant', grantId: GRANT, cancelledOn: '2021-08-01', reason: 'x' }, partly),
        IllegalGrantTransition,
        { from: 'approved', command: 'cancel' },
      );
    });
  });

  describe('when closed', () => {
    const closedState = givenGrant([
      requested(),
      approved(),
      ...closeGrant(
        { type: 'CloseGrant', grantId: GRANT, closedOn: '2021-12-31' },
        givenGrant([requested(), approved()]),
      ).grant,
    ]);
    it.each([
      ['disburse', () => disburseGrant(invoice('F9', mad(1_000), '2022-01-05'), closedState)],
      ['close', () => closeGrant({ type: 'CloseGrant', grantId: GRANT, closedOn: '2022-01-01' }, closedState)],
      [
        'cancel',
        () => cancelGrant({ type: 'CancelGrant', grantId: GRANT, cancelledOn: '2022-01-01', reason: 'x' }, closedState),
      ],
      [
        'approve',
        () =>
          approveGrant(
            { type: 'ApproveGrant', grantId: GRANT, approvedOn: '2022-01-01' },
            { grant: closedState, fund, beneficiary },
          ),
      ],
    ])('%s is an illegal transition', (command, run) => {
      expectRefusal(run, IllegalGrantTransition, { from: 'closed', command });
    });
  });
});
