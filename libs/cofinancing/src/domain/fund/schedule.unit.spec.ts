import { Money } from '@ledger/money';
import { participationYear } from '../calendar';
import {
  CapExceeded,
  InvalidDate,
  NoScheduleInForce,
  ParticipationYearIneligible,
  RequestBeforeEnrolment,
} from '../errors';
import { computeSubsidy, scheduleInForce, type ScheduleVersion } from './schedule';
import { bp, mad, madMinor, promotionSchedule, startUpSchedule } from '../test-fixtures';

const promotion: ScheduleVersion = { ...promotionSchedule(), version: 1 };
const startUp: ScheduleVersion = { ...startUpSchedule, version: 1 };
const noneUsed = Money.zero('MAD');

describe('participation year (counted from enrolment, by anniversaries of the enrolment date)', () => {
  it.each([
    ['2021-03-15', 1],
    ['2022-03-14', 1],
    ['2022-03-15', 2],
    ['2023-03-14', 2],
    ['2023-03-15', 3],
    ['2024-03-14', 3],
    ['2024-03-15', 4],
  ])('a consortium enrolled on 2021-03-15 is in year n on %s', (on, year) => {
    expect(participationYear('2021-03-15', on)).toBe(year);
  });

  it('an enrolment on 29 February has its anniversary on 1 March in other years', () => {
    expect(participationYear('2020-02-29', '2021-02-28')).toBe(1);
    expect(participationYear('2020-02-29', '2021-03-01')).toBe(2);
    expect(participationYear('2020-02-29', '2024-02-29')).toBe(5);
  });

  it('refuses a date before enrolment, and dates that do not exist', () => {
    expect(() => participationYear('2021-03-15', '2021-03-14')).toThrow(RequestBeforeEnrolment);
    expect(() => participationYear('2021-03-15', '2021-02-30')).toThrow(InvalidDate);
  });
});

describe('subsidy computation: min(rate of the year × eligible cost, cap left), rounded down', () => {
  it('year 1 of promotion: 75 % of 180 000 MAD is 135 000 MAD, under the cap', () => {
    const c = computeSubsidy({
      schedule: promotion,
      participationYear: 1,
      eligibleCost: mad(180_000),
      capUsed: noneUsed,
    });
    expect(c.rate.value).toBe(7500);
    expect(c.rateSubsidy.equals(mad(135_000))).toBe(true);
    expect(c.subsidy.equals(mad(135_000))).toBe(true);
    expect(c.ownShare.equals(mad(45_000))).toBe(true);
    expect(c.limitedBy).toBe('rate');
    expect(c.yearRule).toBe('schedule-year');
    expect(c.scheduleVersion).toBe(1);
  });

  it('the cap limits the SUBSIDY: year 1, 135 000 MAD already used, 75 % of 120 000 = 90 000 → 65 000 left', () => {
    const c = computeSubsidy({
      schedule: promotion,
      participationYear: 1,
      eligibleCost: mad(120_000),
      capUsed: mad(135_000),
    });
    expect(c.rateSubsidy.equals(mad(90_000))).toBe(true);
    expect(c.capLeft.equals(mad(65_000))).toBe(true);
    expect(c.subsidy.equals(mad(65_000))).toBe(true);
    expect(c.ownShare.equals(mad(55_000))).toBe(true);
    expect(c.limitedBy).toBe('cap');
  });

  it('year 2 at 60 % and year 3 at 50 % (capped at 200 000 MAD)', () => {
    const y2 = computeSubsidy({
      schedule: promotion,
      participationYear: 2,
      eligibleCost: mad(250_000),
      capUsed: noneUsed,
    });
    expect(y2.subsidy.equals(mad(150_000))).toBe(true);
    const y3 = computeSubsidy({
      schedule: promotion,
      participationYear: 3,
      eligibleCost: mad(500_000),
      capUsed: noneUsed,
    });
    expect(y3.rateSubsidy.equals(mad(250_000))).toBe(true);
    expect(y3.subsidy.equals(mad(200_000))).toBe(true);
  });

  it('start-up: 50 % in year 1 capped at 100 000 MAD; year 2 is ineligible', () => {
    const y1 = computeSubsidy({
      schedule: startUp,
      participationYear: 1,
      eligibleCost: mad(240_000),
      capUsed: noneUsed,
    });
    expect(y1.rateSubsidy.equals(mad(120_000))).toBe(true);
    expect(y1.subsidy.equals(mad(100_000))).toBe(true);
    expect(() =>
      computeSubsidy({ schedule: startUp, participationYear: 2, eligibleCost: mad(10_000), capUsed: noneUsed }),
    ).toThrow(ParticipationYearIneligible);
  });

  it('rounds down to the minor unit, in the fund’s favour: 75 % of 0.03 MAD is 0.02 MAD', () => {
    const c = computeSubsidy({
      schedule: promotion,
      participationYear: 1,
      eligibleCost: madMinor(3n),
      capUsed: noneUsed,
    });
    expect(c.subsidy.amountMinor).toBe(2n);
  });

  describe('after the last year', () => {
    it("year 4 under an 'ineligible' rule is refused with the figures", () => {
      try {
        computeSubsidy({ schedule: promotion, participationYear: 4, eligibleCost: mad(100_000), capUsed: noneUsed });
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(ParticipationYearIneligible);
        expect(error).toMatchObject({ participationYear: 4, lastYear: 3, scheduleVersion: 1 });
      }
    });

    it("year 4 and later under a 'floor-rate' rule get the floor rate and its cap", () => {
      const floor: ScheduleVersion = {
        ...promotionSchedule({ rule: 'floor-rate', rate: bp(3000), cap: mad(50_000) }),
        version: 2,
      };
      const y4 = computeSubsidy({
        schedule: floor,
        participationYear: 4,
        eligibleCost: mad(100_000),
        capUsed: noneUsed,
      });
      expect(y4.rate.value).toBe(3000);
      expect(y4.subsidy.equals(mad(30_000))).toBe(true);
      expect(y4.yearRule).toBe('floor-rate');
      const y7 = computeSubsidy({
        schedule: floor,
        participationYear: 7,
        eligibleCost: mad(400_000),
        capUsed: noneUsed,
      });
      expect(y7.subsidy.equals(mad(50_000))).toBe(true);
      expect(y7.limitedBy).toBe('cap');
    });
  });

  it('a used-up cap is refused with the cap and what was used', () => {
    try {
      computeSubsidy({ schedule: promotion, participationYear: 2, eligibleCost: mad(1_000), capUsed: mad(200_000) });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(CapExceeded);
      const e = error as CapExceeded;
      expect(e.cap.equals(mad(200_000))).toBe(true);
      expect(e.used.equals(mad(200_000))).toBe(true);
      expect(e.participationYear).toBe(2);
    }
  });
});

describe('the schedule version in force on a date', () => {
  const v1: ScheduleVersion = { ...promotionSchedule(), version: 1, effectiveFrom: '2021-01-01' };
  const v2: ScheduleVersion = { ...promotionSchedule(), version: 2, effectiveFrom: '2023-01-01' };

  it('is the latest version effective on or before the date', () => {
    expect(scheduleInForce([v1, v2], 'w', '2022-12-31').version).toBe(1);
    expect(scheduleInForce([v1, v2], 'w', '2023-01-01').version).toBe(2);
  });

  it('does not exist before the first version', () => {
    expect(() => scheduleInForce([v1, v2], 'w', '2020-12-31')).toThrow(NoScheduleInForce);
  });
});

it('money helpers used by the tests are exact', () => {
  expect(mad(200_000).equals(Money.parseMajor('200000.00', 'MAD'))).toBe(true);
});
