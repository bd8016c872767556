import { Money, UnknownCurrencyError } from '@ledger/money';
import {
  AmendmentNotAfterCurrent,
  AmountNotPositive,
  DonorNotFound,
  FundAlreadyExists,
  FundNotFound,
  InvalidSchedule,
  WindowNotFound,
  WrongCurrency,
} from '../errors';
import { CommitmentReleased, ContributionRecorded, FundCreated, FundsCommitted } from './events';
import { amendSchedule, createFund, openWindow, recordContribution, registerDonor } from './decide';
import { availableOf, fundSnapshotPolicy, type OpenFund } from './state';
import { FUND, PROMOTION, givenFund, mad, moroccanFundEvents, promotionSchedule, bp } from '../test-fixtures';

describe('fund decider', () => {
  describe('when nothing exists yet', () => {
    it('a fund is created with a currency', () => {
      expect(
        createFund(
          { type: 'CreateFund', fundId: FUND, name: 'F', currency: 'MAD', createdOn: '2021-01-01' },
          givenFund([]),
        ),
      ).toEqual([FundCreated.create({ fundId: FUND, name: 'F', currency: 'MAD', createdOn: '2021-01-01' })]);
    });
    it('an unknown currency is refused', () => {
      expect(() =>
        createFund(
          { type: 'CreateFund', fundId: FUND, name: 'F', currency: 'ABC', createdOn: '2021-01-01' },
          givenFund([]),
        ),
      ).toThrow(UnknownCurrencyError);
    });
    it('a contribution to an unknown fund is "not found"', () => {
      expect(() =>
        recordContribution(
          {
            type: 'RecordContribution',
            fundId: FUND,
            contributionId: 'c',
            donorId: 'd',
            amount: mad(1),
            receivedOn: '2021-01-01',
            reference: 'r',
          },
          givenFund([]),
        ),
      ).toThrow(FundNotFound);
    });
  });

  describe('when open', () => {
    const fund = givenFund(moroccanFundEvents(mad(2_000_000)));
    const contribution = (change = {}) => ({
      type: 'RecordContribution' as const,
      fundId: FUND,
      contributionId: 'c2',
      donorId: 'donor-state',
      amount: mad(500_000),
      receivedOn: '2021-02-01',
      reference: 'CONV-2021-02',
      ...change,
    });

    it('creating it again is a conflict', () => {
      expect(() =>
        createFund({ type: 'CreateFund', fundId: FUND, name: 'F', currency: 'MAD', createdOn: '2021-01-01' }, fund),
      ).toThrow(FundAlreadyExists);
    });

    it('records a donor’s contribution, which raises contributed and available', () => {
      const events = recordContribution(contribution(), fund);
      expect(events).toEqual([
        ContributionRecorded.create({
          fundId: FUND,
          contributionId: 'c2',
          donorId: 'donor-state',
          amount: mad(500_000),
          receivedOn: '2021-02-01',
          reference: 'CONV-2021-02',
        }),
      ]);
      const after = givenFund([...moroccanFundEvents(mad(2_000_000)), ...events]) as OpenFund;
      expect(after.contributed.equals(mad(2_500_000))).toBe(true);
      expect(availableOf(after).equals(mad(2_500_000))).toBe(true);
    });

    it.each([
      ['an unregistered donor', { donorId: 'nobody' }, DonorNotFound],
      ['another currency', { amount: Money.ofMinor(100n, 'EUR') }, WrongCurrency],
      ['a zero amount', { amount: Money.zero('MAD') }, AmountNotPositive],
    ])('refuses a contribution from %s', (_, change, type) => {
      expect(() => recordContribution(contribution(change), fund)).toThrow(type);
    });

    it('registering a donor on the fund', () => {
      expect(
        registerDonor(
          { type: 'RegisterDonor', fundId: FUND, donorId: 'afd', name: 'AFD', registeredOn: '2021-01-02' },
          fund,
        ),
      ).toMatchObject([{ type: 'cofinancing.DonorRegistered', donorId: 'afd', name: 'AFD' }]);
    });

    it('opens a window with schedule version 1; refuses caps in another currency or an empty schedule', () => {
      const open = (schedule: ReturnType<typeof promotionSchedule>) =>
        openWindow(
          {
            type: 'OpenWindow',
            fundId: FUND,
            windowId: 'w-new',
            name: 'Training',
            supportKind: 'provider-training',
            openedOn: '2021-01-01',
            schedule,
          },
          fund,
        );
      expect(open(promotionSchedule())).toMatchObject([{ type: 'cofinancing.WindowOpened', schedule: { version: 1 } }]);
      expect(() => open({ ...promotionSchedule(), years: [] })).toThrow(InvalidSchedule);
      expect(() =>
        open({ ...promotionSchedule(), years: [{ rate: bp(5000), cap: Money.ofMinor(1n, 'EUR') }] }),
      ).toThrow(InvalidSchedule);
      expect(() =>
        open({ ...promotionSchedule(), afterLastYear: { rule: 'floor-rate', rate: null, cap: null } }),
      ).toThrow(InvalidSchedule);
    });

    it('amends a schedule only from a later effective date, as the next version', () => {
      const amend = (effectiveFrom: string) =>
        amendSchedule(
          {
            type: 'AmendSchedule',
            fundId: FUND,
            windowId: PROMOTION,
            amendedOn: '2022-01-01',
            schedule: { ...promotionSchedule(), effectiveFrom },
          },
          fund,
        );
      expect(amend('2022-07-01')).toMatchObject([
        { type: 'cofinancing.WindowScheduleAmended', schedule: { version: 2, effectiveFrom: '2022-07-01' } },
      ]);
      expect(() => amend('2021-01-01')).toThrow(AmendmentNotAfterCurrent);
      expect(() =>
        amendSchedule(
          {
            type: 'AmendSchedule',
            fundId: FUND,
            windowId: 'nope',
            amendedOn: '2022-01-01',
            schedule: promotionSchedule(),
          },
          fund,
        ),
      ).toThrow(WindowNotFound);
    });

    it('commitments lower available, releases raise it again: contributed = available + committed', () => {
      const ids = { fundId: FUND, grantId: 'g', windowId: PROMOTION, beneficiaryId: 'b', participationYear: 1 };
      const after = givenFund([
        ...moroccanFundEvents(mad(2_000_000)),
        FundsCommitted.create({
          ...ids,
          amount: mad(150_000),
          committedOn: '2021-05-01',
          availableBefore: mad(2_000_000),
          availableAfter: mad(1_850_000),
        }),
        CommitmentReleased.create({ ...ids, amount: mad(40_000), reason: 'closed', releasedOn: '2021-12-01' }),
      ]) as OpenFund;
      expect(after.committed.equals(mad(110_000))).toBe(true);
      expect(availableOf(after).plus(after.committed).equals(after.contributed)).toBe(true);
    });

    it('its snapshot decodes to the same state', () => {
      const encoded = JSON.parse(JSON.stringify(fundSnapshotPolicy.encode(fund)));
      expect(fundSnapshotPolicy.decode(encoded)).toEqual(fund);
    });
  });
});
