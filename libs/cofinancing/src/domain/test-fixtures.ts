import { BasisPoints, Money } from '@ledger/money';
import { BeneficiaryEnrolled, evolveBeneficiary, type BeneficiaryEvent, type BeneficiaryState } from './beneficiary';
import {
  ContributionRecorded,
  DonorRegistered,
  evolveFund,
  FundCreated,
  WindowOpened,
  type FundEvent,
  type FundState,
  type ScheduleTerms,
} from './fund';
import { approveGrant, evolveGrant, requestGrant, type GrantEvent, type GrantState } from './grant';

/** Helpers for the decider tests (given events → state), with the seed's Moroccan figures. */

export const mad = (major: number | bigint) => Money.ofMinor(BigInt(major) * 100n, 'MAD');
export const madMinor = (minor: bigint) => Money.ofMinor(minor, 'MAD');
export const bp = (value: number) => BasisPoints.of(value);

export const givenFund = (events: readonly FundEvent[]): FundState =>
  events.reduce(evolveFund, { status: 'none' } as FundState);
export const givenBeneficiary = (events: readonly BeneficiaryEvent[]): BeneficiaryState =>
  events.reduce(evolveBeneficiary, { status: 'none' } as BeneficiaryState);
export const givenGrant = (events: readonly GrantEvent[]): GrantState =>
  events.reduce(evolveGrant, { status: 'none' } as GrantState);

export const FUND = 'fund-maroc-consortia';
export const PROMOTION = 'window-promotion';
export const START_UP = 'window-start-up';
export const CONSORTIUM = 'consortium-fonoon';
export const ENROLLED_ON = '2021-03-15';

/** Fonds d'appui aux consortiums d'exportation: promotion 75 % / 60 % / 50 %, capped at 200 000 MAD a year. */
export const promotionSchedule = (afterLastYear: ScheduleTerms['afterLastYear'] = ineligible): ScheduleTerms => ({
  effectiveFrom: '2021-01-01',
  years: [
    { rate: bp(7500), cap: mad(200_000) },
    { rate: bp(6000), cap: mad(200_000) },
    { rate: bp(5000), cap: mad(200_000) },
  ],
  afterLastYear,
});

/** Start-up costs: 50 % in year 1, capped at 100 000 MAD. */
export const startUpSchedule: ScheduleTerms = {
  effectiveFrom: '2021-01-01',
  years: [{ rate: bp(5000), cap: mad(100_000) }],
  afterLastYear: { rule: 'ineligible', rate: null, cap: null },
};

export const ineligible: ScheduleTerms['afterLastYear'] = { rule: 'ineligible', rate: null, cap: null };

export function moroccanFundEvents(contributed = mad(10_000_000), promotion = promotionSchedule()): FundEvent[] {
  return [
    FundCreated.create({
      fundId: FUND,
      name: "Fonds d'appui aux consortiums d'exportation",
      currency: 'MAD',
      createdOn: '2021-01-01',
    }),
    DonorRegistered.create({
      fundId: FUND,
      donorId: 'donor-state',
      name: 'Ministère du commerce extérieur',
      registeredOn: '2021-01-01',
    }),
    ContributionRecorded.create({
      fundId: FUND,
      contributionId: 'contribution-1',
      donorId: 'donor-state',
      amount: contributed,
      receivedOn: '2021-01-10',
      reference: 'CONV-2021-01',
    }),
    WindowOpened.create({
      fundId: FUND,
      windowId: PROMOTION,
      name: 'Promotion costs',
      supportKind: 'consortium-promotion',
      openedOn: '2021-01-01',
      schedule: { ...promotion, version: 1 },
    }),
    WindowOpened.create({
      fundId: FUND,
      windowId: START_UP,
      name: 'Start-up costs',
      supportKind: 'consortium-start-up',
      openedOn: '2021-01-01',
      schedule: { ...startUpSchedule, version: 1 },
    }),
  ];
}

export const consortiumEvents = (): BeneficiaryEvent[] => [
  BeneficiaryEnrolled.create({
    beneficiaryId: CONSORTIUM,
    name: 'Consortium Fonoon Vitargan',
    kind: 'export-consortium',
    enrolledOn: ENROLLED_ON,
    memberFirms: [
      { firmId: 'firm-1', name: 'Coopérative Tifawin', womenOwned: true },
      { firmId: 'firm-2', name: 'Atlas Argan', womenOwned: false },
      { firmId: 'firm-3', name: 'Souss Cosmétiques', womenOwned: null },
    ],
  }),
];

/**
 * A small in-memory world that runs request → approve through the real deciders, for scenario
 * tests that span several grants (each approval sees the cap usage the previous ones left).
 */
export class World {
  fund: FundState;
  beneficiary: BeneficiaryState;
  readonly grants = new Map<string, GrantState>();

  constructor(fundEvents = moroccanFundEvents(), beneficiaryEvents = consortiumEvents()) {
    this.fund = givenFund(fundEvents);
    this.beneficiary = givenBeneficiary(beneficiaryEvents);
  }

  request(grantId: string, windowId: string, eligibleCost: Money, requestedOn: string): GrantState {
    const events = requestGrant(
      {
        type: 'RequestGrant',
        grantId,
        fundId: FUND,
        windowId,
        beneficiaryId: CONSORTIUM,
        serviceProvider: 'Maroc Export',
        description: 'Participation in a trade fair',
        eligibleCost,
        requestedOn,
      },
      { grant: { status: 'none' }, fund: this.fund, beneficiary: this.beneficiary },
    );
    const state = givenGrant(events);
    this.grants.set(grantId, state);
    return state;
  }

  approve(grantId: string, approvedOn: string) {
    const decision = approveGrant(
      { type: 'ApproveGrant', grantId, approvedOn },
      { grant: this.grants.get(grantId) ?? { status: 'none' }, fund: this.fund, beneficiary: this.beneficiary },
    );
    this.grants.set(grantId, decision.grant.reduce(evolveGrant, this.grants.get(grantId) as GrantState));
    this.fund = decision.fund.reduce(evolveFund, this.fund);
    this.beneficiary = decision.beneficiary.reduce(evolveBeneficiary, this.beneficiary);
    return decision;
  }
}
