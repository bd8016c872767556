import { DomainError } from '@ledger/kernel';
import { addMemberFirm } from './beneficiary/decide';
import { DateOutOfOrder, FundInsufficient, NoScheduleInForce } from './errors';
import { lowestAvailableFrom, withChange } from './fund/availability';
import { amendSchedule, openWindow, recordContribution, registerDonor } from './fund/decide';
import { ContributionRecorded, FundCreated } from './fund/events';
import { evolveFund, type OpenFund } from './fund/state';
import { cancelGrant, closeGrant } from './grant/decide-closure';
import { disburseGrant } from './grant/decide-disbursement';
import { rejectGrant } from './grant/decide';
import { evolveGrant, type GrantState } from './grant/state';
import {
  CONSORTIUM,
  FUND,
  PROMOTION,
  START_UP,
  World,
  givenBeneficiary,
  consortiumEvents,
  givenFund,
  mad,
  moroccanFundEvents,
  promotionSchedule,
} from './test-fixtures';

/**
 * Issue #15, rule 2 for co-financing, with the Moroccan fund (promotion 75 % / 60 % / 50 %, capped
 * at 200 000 MAD a year; start-up 50 % capped at 100 000 MAD; consortium enrolled 2021-03-15).
 */

/** The refusal a command meets, as the HTTP layer would answer it. */
function refusal(act: () => unknown): { code: string; details: unknown } {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

const before = (field: string, date: string, notBefore: string, dependsOn: string) => ({
  code: 'business-date-before-dependency',
  details: { field, date, notBefore, dependsOn },
});

const contribution = (amount = mad(100_000), receivedOn = '2021-01-10', contributionId = 'c-late') =>
  ContributionRecorded.create({
    fundId: FUND,
    contributionId,
    donorId: 'donor-state',
    amount,
    receivedOn,
    reference: `CONV-${receivedOn}`,
  });

describe('business dates follow what they depend on', () => {
  const fund = givenFund(moroccanFundEvents()); // created 2021-01-01, donor and windows 2021-01-01

  it('a donor, a contribution, a window cannot precede the fund; a contribution not its donor', () => {
    expect(
      refusal(() =>
        registerDonor(
          { type: 'RegisterDonor', fundId: FUND, donorId: 'afd', name: 'AFD', registeredOn: '2020-12-31' },
          fund,
        ),
      ),
    ).toEqual(before('registeredOn', '2020-12-31', '2021-01-01', 'fund.createdOn'));
    const late = givenFund([
      ...moroccanFundEvents(),
      ...registerDonor(
        { type: 'RegisterDonor', fundId: FUND, donorId: 'afd', name: 'AFD', registeredOn: '2021-06-01' },
        fund,
      ),
    ]);
    const contribute = (receivedOn: string) =>
      recordContribution(
        {
          type: 'RecordContribution',
          fundId: FUND,
          contributionId: 'afd-1',
          donorId: 'afd',
          amount: mad(500_000),
          receivedOn,
          reference: 'AFD-1',
        },
        late,
      );
    expect(refusal(() => contribute('2021-05-31'))).toEqual(
      before('receivedOn', '2021-05-31', '2021-06-01', 'donor.registeredOn'),
    );
    expect(contribute('2021-06-01')).toHaveLength(1);
    expect(
      refusal(() =>
        openWindow(
          {
            type: 'OpenWindow',
            fundId: FUND,
            windowId: 'w-training',
            name: 'Training',
            supportKind: 'provider-training',
            openedOn: '2020-06-01',
            schedule: promotionSchedule(),
          },
          fund,
        ),
      ),
    ).toEqual(before('openedOn', '2020-06-01', '2021-01-01', 'fund.createdOn'));
  });

  it('a schedule amendment cannot precede the window it amends', () => {
    expect(
      refusal(() =>
        amendSchedule(
          {
            type: 'AmendSchedule',
            fundId: FUND,
            windowId: PROMOTION,
            amendedOn: '2020-12-31',
            schedule: { ...promotionSchedule(), effectiveFrom: '2022-01-01' },
          },
          fund,
        ),
      ),
    ).toEqual(before('amendedOn', '2020-12-31', '2021-01-01', 'window.openedOn'));
  });

  it('a member firm cannot join before its consortium is enrolled', () => {
    expect(
      refusal(() =>
        addMemberFirm(
          {
            type: 'AddMemberFirm',
            beneficiaryId: CONSORTIUM,
            firm: { firmId: 'firm-9', name: 'Argan Tiznit', womenOwned: true },
            joinedOn: '2021-03-14',
          },
          givenBeneficiary(consortiumEvents()),
        ),
      ),
    ).toEqual(before('joinedOn', '2021-03-14', '2021-03-15', 'beneficiary.enrolledOn'));
  });

  it('a request cannot precede the enrolment, nor the opening of its window', () => {
    expect(refusal(() => new World().request('early', PROMOTION, mad(10_000), '2021-03-14'))).toEqual(
      before('requestedOn', '2021-03-14', '2021-03-15', 'beneficiary.enrolledOn'),
    );
    const lateWindow = moroccanFundEvents().map((event) =>
      event.type === 'cofinancing.WindowOpened' && event.windowId === START_UP
        ? { ...event, openedOn: '2021-06-01' }
        : event,
    );
    expect(refusal(() => new World(lateWindow).request('early', START_UP, mad(10_000), '2021-05-31'))).toEqual(
      before('requestedOn', '2021-05-31', '2021-06-01', 'window.openedOn'),
    );
  });

  it('a rejection cannot precede the request', () => {
    const world = new World();
    const grant = world.request('g', PROMOTION, mad(10_000), '2021-05-03');
    expect(
      refusal(() => rejectGrant({ type: 'RejectGrant', grantId: 'g', rejectedOn: '2021-05-02', reason: 'r' }, grant)),
    ).toEqual(before('rejectedOn', '2021-05-02', '2021-05-03', 'requestedOn'));
  });

  describe('an approved grant (180 000 MAD eligible, 135 000 MAD subsidy, approved 2021-05-10)', () => {
    const world = new World();
    world.request('fair', PROMOTION, mad(180_000), '2021-05-03');
    world.approve('fair', '2021-05-10');
    const approved = world.grants.get('fair') as GrantState;
    const paid = disburseGrant(
      {
        type: 'DisburseGrant',
        grantId: 'fair',
        disbursementId: 'd1',
        invoiceReference: 'F-1',
        invoiceDate: '2021-06-01',
        invoiceAmount: mad(40_000),
        disbursedOn: '2021-07-01',
      },
      approved,
    ).reduce(evolveGrant, approved);

    it('is not disbursed before its approval', () => {
      expect(
        refusal(() =>
          disburseGrant(
            {
              type: 'DisburseGrant',
              grantId: 'fair',
              disbursementId: 'd0',
              invoiceReference: 'F-0',
              invoiceDate: '2021-05-01',
              invoiceAmount: mad(1_000),
              disbursedOn: '2021-05-09',
            },
            approved,
          ),
        ),
      ).toEqual(before('disbursedOn', '2021-05-09', '2021-05-10', 'approvedOn'));
    });

    it('is not closed before its approval, nor before its last disbursement', () => {
      expect(
        refusal(() => closeGrant({ type: 'CloseGrant', grantId: 'fair', closedOn: '2021-05-09' }, approved)),
      ).toEqual(before('closedOn', '2021-05-09', '2021-05-10', 'approvedOn'));
      expect(refusal(() => closeGrant({ type: 'CloseGrant', grantId: 'fair', closedOn: '2021-06-30' }, paid))).toEqual(
        before('closedOn', '2021-06-30', '2021-07-01', 'disbursement.disbursedOn'),
      );
      expect(closeGrant({ type: 'CloseGrant', grantId: 'fair', closedOn: '2021-07-01' }, paid).fund).toMatchObject([
        { type: 'cofinancing.CommitmentReleased', releasedOn: '2021-07-01', amount: mad(105_000) },
      ]);
    });

    it('is not cancelled before its approval', () => {
      expect(
        refusal(() =>
          cancelGrant(
            { type: 'CancelGrant', grantId: 'fair', cancelledOn: '2021-05-05', reason: 'withdrawn' },
            approved,
          ),
        ),
      ).toEqual(before('cancelledOn', '2021-05-05', '2021-05-10', 'approvedOn'));
    });
  });
});

describe('the money an approval takes must exist as of its date, and on every later date', () => {
  it('the issue’s case: money contributed in 2099 does not fund a 2021 approval', () => {
    // 100 000 MAD received 2021-01-10; 1 000 000 MAD more dated 2099-01-01.
    const world = new World([...moroccanFundEvents(mad(100_000)), contribution(mad(1_000_000), '2099-01-01')]);
    world.request('fair', PROMOTION, mad(180_000), '2021-05-03'); // 75 % = 135 000
    try {
      world.approve('fair', '2021-05-10');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(FundInsufficient);
      expect((error as FundInsufficient).details).toEqual({
        available: { amountMinor: '10000000', currency: 'MAD' },
        requested: { amountMinor: '13500000', currency: 'MAD' },
        reserved: { amountMinor: '0', currency: 'MAD' },
        asOf: '2021-05-10',
        approvedOn: '2021-05-10',
      });
    }
    // The live balance (1 100 000) would have let it through: that was the bug.
    expect((world.fund as OpenFund).contributed.equals(mad(1_100_000))).toBe(true);
    // Dated when the money is there, it passes.
    expect(world.approve('fair', '2099-01-01').fund).toMatchObject([{ committedOn: '2099-01-01' }]);
  });

  it('an approval dated before a later commitment cannot take the money that commitment already uses', () => {
    const world = new World(moroccanFundEvents(mad(200_000)));
    world.request('fair', PROMOTION, mad(180_000), '2021-08-20'); // 135 000, approved 2021-09-01
    world.approve('fair', '2021-09-01');
    world.request('start-up', START_UP, mad(240_000), '2021-04-01'); // 50 % = 120 000, capped at 100 000
    // On 2021-04-15 there are 200 000 MAD, but from 2021-09-01 only 65 000 are left.
    expect(refusal(() => world.approve('start-up', '2021-04-15'))).toEqual({
      code: 'fund-insufficient',
      details: {
        available: { amountMinor: '6500000', currency: 'MAD' },
        requested: { amountMinor: '10000000', currency: 'MAD' },
        reserved: { amountMinor: '0', currency: 'MAD' },
        asOf: '2021-09-01',
        approvedOn: '2021-04-15',
      },
    });
  });

  it('money released by a closure funds approvals from the closure date only', () => {
    const world = new World(moroccanFundEvents(mad(150_000)));
    world.request('fair', PROMOTION, mad(180_000), '2021-05-03');
    world.approve('fair', '2021-05-10'); // 135 000 committed, 15 000 left
    const closed = closeGrant(
      { type: 'CloseGrant', grantId: 'fair', closedOn: '2021-10-01' },
      world.grants.get('fair')!,
    );
    world.fund = closed.fund.reduce(evolveFund, world.fund); // 135 000 back on 2021-10-01
    world.request('start-up', START_UP, mad(240_000), '2021-04-01'); // 100 000
    expect(refusal(() => world.approve('start-up', '2021-09-30'))).toMatchObject({
      code: 'fund-insufficient',
      details: { available: { amountMinor: '1500000' }, asOf: '2021-09-30' },
    });
    expect(world.approve('start-up', '2021-10-01').fund).toMatchObject([{ amount: mad(100_000) }]);
  });
});

describe('what the window will not pay is refused when requested', () => {
  it('a participation year past an "ineligible" schedule: year 4 of the promotion window', () => {
    expect(refusal(() => new World().request('y4', PROMOTION, mad(100_000), '2024-03-15'))).toEqual({
      code: 'participation-year-ineligible',
      details: { field: 'requestedOn', participationYear: 4, lastYear: 3, scheduleVersion: 1 },
    });
  });

  it('a request dated before any schedule of the window is in force', () => {
    const later = moroccanFundEvents(mad(10_000_000), { ...promotionSchedule(), effectiveFrom: '2021-07-01' });
    expect(() => new World(later).request('early', PROMOTION, mad(10_000), '2021-06-30')).toThrow(NoScheduleInForce);
  });

  it('the date refusals are DateOutOfOrder, as before', () => {
    expect(() => new World().request('early', PROMOTION, mad(10_000), '2021-01-01')).toThrow(DateOutOfOrder);
  });
});

describe('the availability timeline', () => {
  it('keeps one change per date, sorted, and drops a date whose changes cancel out', () => {
    let timeline = withChange([], '2021-05-01', -5n);
    timeline = withChange(timeline, '2021-01-01', 10n);
    timeline = withChange(timeline, '2021-03-01', 3n);
    timeline = withChange(timeline, '2021-03-01', -3n);
    expect(timeline).toEqual([
      { on: '2021-01-01', deltaMinor: 10n },
      { on: '2021-05-01', deltaMinor: -5n },
    ]);
    expect(lowestAvailableFrom(timeline, '2020-12-31')).toEqual({ minor: 0n, on: '2020-12-31' });
    expect(lowestAvailableFrom(timeline, '2021-02-01')).toEqual({ minor: 5n, on: '2021-05-01' });
    expect(lowestAvailableFrom(timeline, '2021-06-01')).toEqual({ minor: 5n, on: '2021-06-01' });
  });

  it('is what the fund folds from its events', () => {
    const fund = givenFund([
      FundCreated.create({ fundId: FUND, name: 'F', currency: 'MAD', createdOn: '2021-01-01' }),
      contribution(mad(1), '2021-02-01', 'a'),
      contribution(mad(2), '2021-01-15', 'b'),
    ]) as OpenFund;
    expect(fund.availability).toEqual([
      { on: '2021-01-15', deltaMinor: 200n },
      { on: '2021-02-01', deltaMinor: 100n },
    ]);
  });
});
