import { CapExceeded, ParticipationYearIneligible } from './errors';
import { WindowScheduleAmended } from './fund/events';
import type { GrantApproved } from './grant/events';
import { availableOf, type OpenFund } from './fund/state';
import { FUND, PROMOTION, START_UP, World, bp, mad, moroccanFundEvents, promotionSchedule } from './test-fixtures';

/**
 * The Moroccan export-consortium support fund (seed 004, part 2): promotion costs 75 % in year 1,
 * 60 % in year 2, 50 % in year 3, capped at 200 000 MAD a year; start-up costs 50 % in year 1,
 * capped at 100 000 MAD. A consortium enrolled on 15 March 2021 sends its promotion invoices over
 * three participation years; every figure below is worked out by hand.
 */
describe('a consortium of the Moroccan fund over three participation years', () => {
  const approvedSubsidy = (world: World, grantId: string, on: string) =>
    (world.approve(grantId, on).grant[0] as GrantApproved).subsidy;

  it('gets exactly the hand-calculated subsidies, cap included', () => {
    const world = new World();

    // Year 1 (15 Mar 2021 – 14 Mar 2022), 75 %, cap 200 000.
    world.request('y1-fair', PROMOTION, mad(180_000), '2021-05-03'); // 75 % = 135 000
    expect(approvedSubsidy(world, 'y1-fair', '2021-05-10').equals(mad(135_000))).toBe(true);
    world.request('y1-mission', PROMOTION, mad(120_000), '2022-03-14'); // 75 % = 90 000, cap left 65 000
    expect(approvedSubsidy(world, 'y1-mission', '2022-03-20').equals(mad(65_000))).toBe(true);
    world.request('y1-catalogue', PROMOTION, mad(10_000), '2022-01-10'); // cap used up
    expect(() => world.approve('y1-catalogue', '2022-01-11')).toThrow(CapExceeded);

    // Start-up is another window with its own cap: 50 % of 240 000 = 120 000, capped at 100 000.
    world.request('y1-start-up', START_UP, mad(240_000), '2021-04-01');
    expect(approvedSubsidy(world, 'y1-start-up', '2021-04-15').equals(mad(100_000))).toBe(true);

    // Year 2 (from 15 Mar 2022), 60 %: the cap starts again.
    world.request('y2-fair', PROMOTION, mad(250_000), '2022-03-15'); // 150 000
    expect(approvedSubsidy(world, 'y2-fair', '2022-04-01').equals(mad(150_000))).toBe(true);
    world.request('y2-web', PROMOTION, mad(100_000), '2022-09-01'); // 60 000 → cap left 50 000
    expect(approvedSubsidy(world, 'y2-web', '2022-09-05').equals(mad(50_000))).toBe(true);

    // Year 3, 50 %: 500 000 → 250 000, capped at 200 000.
    world.request('y3-fair', PROMOTION, mad(500_000), '2023-06-01');
    const y3 = world.approve('y3-fair', '2023-06-02').grant[0] as GrantApproved;
    expect(y3.subsidy.equals(mad(200_000))).toBe(true);
    expect(y3.rate.value).toBe(5000);
    expect(y3.computation.rateSubsidy.equals(mad(250_000))).toBe(true);
    expect(y3.computation.limitedBy).toBe('cap');
    expect(y3.ownShare.equals(mad(300_000))).toBe(true);

    // Year 4: after the last year the schedule says "ineligible": refused when requested.
    expect(() => world.request('y4-fair', PROMOTION, mad(100_000), '2024-03-15')).toThrow(ParticipationYearIneligible);

    // The fund committed 135 + 65 + 100 + 150 + 50 + 200 = 700 000 MAD of its 10 000 000.
    const fund = world.fund as OpenFund;
    expect(fund.committed.equals(mad(700_000))).toBe(true);
    expect(availableOf(fund).equals(mad(9_300_000))).toBe(true);
  });

  it('with a floor-rate rule, year 4 is paid the floor rate', () => {
    const world = new World(
      moroccanFundEvents(mad(10_000_000), promotionSchedule({ rule: 'floor-rate', rate: bp(2500), cap: mad(100_000) })),
    );
    world.request('y4', PROMOTION, mad(100_000), '2024-03-15');
    expect(approvedSubsidy(world, 'y4', '2024-04-01').equals(mad(25_000))).toBe(true);
  });

  it('an amendment applies to requests dated from its effective date; earlier approvals keep their rate', () => {
    const amendment = WindowScheduleAmended.create({
      fundId: FUND,
      windowId: PROMOTION,
      amendedOn: '2022-06-01',
      schedule: {
        ...promotionSchedule(),
        version: 2,
        effectiveFrom: '2022-07-01',
        years: [
          { rate: bp(7000), cap: mad(150_000) },
          { rate: bp(5000), cap: mad(150_000) },
          { rate: bp(4000), cap: mad(150_000) },
        ],
      },
    });
    const world = new World([...moroccanFundEvents(), amendment]);
    world.request('before', PROMOTION, mad(100_000), '2022-03-20'); // year 2, version 1: 60 %
    world.request('after', PROMOTION, mad(100_000), '2022-07-01'); // year 2, version 2: 50 %
    const before = world.approve('before', '2022-08-01').grant[0] as GrantApproved;
    const after = world.approve('after', '2022-08-01').grant[0] as GrantApproved;
    expect([before.scheduleVersion, before.rate.value, before.subsidy.equals(mad(60_000))]).toEqual([1, 6000, true]);
    expect([after.scheduleVersion, after.rate.value, after.subsidy.equals(mad(50_000))]).toEqual([2, 5000, true]);
  });
});
