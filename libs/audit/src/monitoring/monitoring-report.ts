import type { MoneyJson } from '@ledger/money';
import type { AmountPerUnit, RateFigure, RatioFigure } from './figures';

export const MONITORING_SCOPES = ['programme', 'fund', 'company'] as const;
export type MonitoringScope = (typeof MONITORING_SCOPES)[number];

export interface MonitoringRequest {
  /** programme: every fund and every guarantee company; fund: one co-financing fund; company: one guarantee company. */
  readonly scope: MonitoringScope;
  readonly id: string | null;
  /** Inclusive business dates 'YYYY-MM-DD'; open when null. */
  readonly from: string | null;
  readonly to: string | null;
}

/** The co-financing fund's figures for one currency (funds are never added across currencies). */
export interface CofinancingFigures {
  readonly currency: string;
  readonly funds: number;
  readonly grantsApproved: number;
  /** Extension: networks (clusters, firm networks, consortia, cooperatives) with an approved grant. */
  readonly networksReached: number;
  readonly networksReachedByKind: Readonly<Record<string, number>>;
  /** Extension: the member firms of those networks. */
  readonly firmsReached: number;
  /** Firms recorded as women-owned, among the firms whose ownership was recorded at all. */
  readonly womenOwnedFirms: number;
  readonly womenOwnershipRecorded: number;
  readonly eligibleCost: MoneyJson;
  readonly subsidy: MoneyJson;
  /** The beneficiaries' own share: eligible cost − subsidy. */
  readonly ownShare: MoneyJson;
  /** Efficiency: subsidy ÷ firms reached, and ÷ networks reached. */
  readonly subsidyPerFirm: AmountPerUnit | null;
  readonly subsidyPerNetwork: AmountPerUnit | null;
  /** Efficiency: private co-financing mobilised per unit of subsidy = own share ÷ subsidy. */
  readonly privateCofinancingPerUnitOfSubsidy: RatioFigure | null;
  /** Durability: the weighted effective subsidy rate (Σ subsidy ÷ Σ eligible cost) by participation year. */
  readonly effectiveRateByParticipationYear: readonly ParticipationYearFigures[];
  readonly effectiveRate: RateFigure | null;
  /** True when each participation year's effective rate is below the previous year's. */
  readonly effectiveRateFalls: boolean | null;
}

export interface ParticipationYearFigures {
  readonly participationYear: number;
  readonly grantsApproved: number;
  readonly networks: number;
  readonly eligibleCost: MoneyJson;
  readonly subsidy: MoneyJson;
  readonly ownShare: MoneyJson;
  readonly effectiveRateBp: number | null;
  readonly effectiveRate: string | null;
}

/** The mutual guarantee figures for one currency. */
export interface GuaranteeFigures {
  readonly currency: string;
  readonly companies: number;
  readonly members: number;
  /** Extension: member firms with a guarantee issued in the period. */
  readonly membersReached: number;
  /** Women ownership is not recorded for guarantee members: always null. */
  readonly womenOwnedMembers: null;
  readonly guaranteesIssued: number;
  /** Σ principal of the loans guaranteed (the credit mobilised). */
  readonly creditMobilised: MoneyJson;
  readonly guaranteedAmount: MoneyJson;
  /** The guarantee fund as constituted: deposits (up to `to`) less withdrawals. */
  readonly guaranteeFund: MoneyJson;
  /** The fund now, after claims paid and recoveries. */
  readonly guaranteeFundBalance: MoneyJson;
  /** Effectiveness: credit mobilised ÷ guarantee fund (Senegal: 1,000,000,000 / 340,000,000 = 50/17). */
  readonly creditPerUnitOfGuaranteeFund: RatioFigure | null;
  readonly calls: number;
  readonly claimsCalled: MoneyJson;
  readonly claimsPaid: MoneyJson;
  readonly recoveries: MoneyJson;
  /** Durability: claims called ÷ amounts guaranteed, and calls ÷ guarantees issued. */
  readonly callRate: RateFigure | null;
  readonly callRateByCount: RateFigure | null;
  /** Durability: recoveries ÷ claims paid. */
  readonly recoveryRate: RateFigure | null;
}

export interface MonitoringReport extends MonitoringRequest {
  /** The position of the log the read models had reached: the figures describe the ledger up to there. */
  readonly readModelsPosition: string;
  readonly cofinancing: readonly CofinancingFigures[];
  readonly guarantees: readonly GuaranteeFigures[];
  readonly definitions: Readonly<Record<string, string>>;
}

export const MONITORING_DEFINITIONS: Readonly<Record<string, string>> = {
  period:
    'grants count when approved in [from, to]; guarantees when issued in [from, to] (a cohort: claims, payments ' +
    'and recoveries on them are those recorded to date)',
  grantsApproved: 'grants approved and not cancelled (approved or closed)',
  networksReached: 'distinct beneficiaries with such a grant (extension)',
  firmsReached: 'member firms of those beneficiaries, joined by the end of the period (extension)',
  subsidyPerFirm:
    'Σ approved subsidy ÷ firms reached, rounded down to the minor unit; exactMinor is exact (efficiency)',
  privateCofinancingPerUnitOfSubsidy: 'Σ own share ÷ Σ subsidy, own share = eligible cost − subsidy (efficiency)',
  effectiveRate:
    'Σ subsidy ÷ Σ eligible cost, weighted, basis points rounded down and the exact ratio; should fall with the ' +
    'participation year as the schedule declines (durability)',
  creditPerUnitOfGuaranteeFund:
    'Σ principal of loans guaranteed ÷ guarantee fund (deposits up to `to` less withdrawals) (effectiveness)',
  callRate: 'Σ claims called ÷ Σ amounts guaranteed; by count: calls ÷ guarantees issued (durability)',
  recoveryRate: 'Σ recoveries ÷ Σ claims paid (durability)',
  womenOwned: 'recorded per member firm of a co-financing beneficiary; not recorded for guarantee members',
};
