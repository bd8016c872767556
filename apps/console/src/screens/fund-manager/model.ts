import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, q } from '../../api';
import type { MoneyJson } from '../../money';

/** The co-financing API's answers, as the fund manager's screens read them. */

export interface Fund {
  readonly fundId: string;
  readonly name: string;
  readonly currency: string;
  readonly createdOn: string;
  readonly contributed: MoneyJson;
  readonly committed: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly available: MoneyJson;
  readonly outstandingCommitments: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
  readonly reserved: MoneyJson;
  readonly grantsApproved: number;
}

export interface Contribution {
  readonly contributionId: string;
  readonly amount: MoneyJson;
  readonly receivedOn: string;
  readonly reference: string;
}

export interface Donor {
  readonly donorId: string;
  readonly name: string;
  readonly registeredOn: string;
  readonly contributed: MoneyJson;
  readonly contributions: readonly Contribution[];
}

export interface ScheduleYear {
  readonly rateBp: number;
  readonly cap: MoneyJson;
}

export interface ScheduleVersion {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly recordedOn: string;
  readonly years: readonly ScheduleYear[];
  readonly afterLastYear: { rule: 'ineligible' | 'floor-rate'; rateBp: number | null; cap: MoneyJson | null };
}

export interface FundWindow {
  readonly windowId: string;
  readonly fundId: string;
  readonly name: string;
  readonly supportKind: string;
  readonly openedOn: string;
  readonly currentScheduleVersion: number;
  readonly committed: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
  readonly grantsApproved: number;
  readonly schedules: readonly ScheduleVersion[];
}

export interface BeneficiarySummary {
  readonly beneficiaryId: string;
  readonly name: string;
  readonly kind: string;
  readonly enrolledOn: string;
  readonly memberFirms: number;
  readonly womenOwnedFirms: number;
  readonly womenOwnershipRecorded: number;
}

export interface BeneficiaryYear {
  readonly participationYear: number;
  readonly windowId: string;
  readonly fundId: string;
  readonly grantsApproved: number;
  readonly eligibleCost: MoneyJson;
  readonly subsidy: MoneyJson;
  readonly ownShare: MoneyJson;
  readonly effectiveRateBp: number | null;
  readonly invoiced: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
}

export interface Beneficiary extends BeneficiarySummary {
  readonly years: readonly BeneficiaryYear[];
  readonly firms: readonly { firmId: string; name: string; womenOwned: boolean | null; joinedOn: string }[];
}

export type GrantStatus = 'requested' | 'approved' | 'rejected' | 'closed' | 'cancelled';
export const GRANT_STATUSES: readonly GrantStatus[] = ['requested', 'approved', 'rejected', 'closed', 'cancelled'];

export interface Grant {
  readonly grantId: string;
  readonly fundId: string;
  readonly windowId: string;
  readonly beneficiaryId: string;
  readonly status: GrantStatus;
  readonly participationYear: number;
  readonly serviceProvider: string;
  readonly description: string;
  readonly eligibleCost: MoneyJson;
  readonly requestedOn: string;
  readonly subsidy: MoneyJson | null;
  readonly ownShare: MoneyJson | null;
  readonly rateBp: number | null;
  readonly scheduleVersion: number | null;
  readonly approvedOn: string | null;
  readonly rejectedOn: string | null;
  readonly closedOn: string | null;
  readonly cancelledOn: string | null;
  readonly reason: string | null;
  readonly invoiced: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly commitmentLeft: MoneyJson | null;
  readonly releasedAtClosure: MoneyJson;
  readonly fundingStatus: 'waiting-for-funds' | 'fundable' | null;
}

export interface Disbursement {
  readonly disbursementId: string;
  readonly invoiceReference: string;
  readonly invoiceDate: string;
  readonly invoiceAmount: MoneyJson;
  readonly paid: MoneyJson;
  readonly rule: string;
  readonly disbursedOn: string;
  readonly position: string;
  readonly reversal: {
    reversedOn: string | null;
    reason: string | null;
    position: string;
    replacedBy: string | null;
  } | null;
  readonly replaces: string | null;
}

export interface GrantDetail extends Grant {
  readonly reserved: MoneyJson;
  readonly computation: {
    yearRule: string;
    rateBp: number;
    rateSubsidy: MoneyJson;
    cap: MoneyJson;
    capUsedBefore: MoneyJson;
    capLeft: MoneyJson;
    limitedBy: 'rate' | 'cap';
    fundAvailableBefore: MoneyJson;
  } | null;
  readonly disbursements: readonly Disbursement[];
}

export interface SubsidyPreview {
  readonly grantId: string;
  readonly participationYear: number;
  readonly eligibleCost: MoneyJson;
  readonly scheduleVersion: number | null;
  readonly rateBp: number | null;
  readonly rateSubsidy: MoneyJson | null;
  readonly cap: MoneyJson | null;
  readonly capUsed: MoneyJson | null;
  readonly capLeft: MoneyJson | null;
  readonly subsidy: MoneyJson | null;
  readonly ownShare: MoneyJson | null;
  readonly limitedBy: 'rate' | 'cap' | null;
  readonly fundAvailable: MoneyJson | null;
  readonly approvable: boolean;
  readonly refusal: { error: string; message: string } | null;
}

export interface ApprovalPolicy {
  readonly approveGrantAbove: MoneyJson | null;
  readonly disburseAbove: MoneyJson | null;
  readonly correctionsNeedSecondPerson: boolean;
  readonly proposalTtlHours: number;
}

/** A command's 202 answer: nothing done yet, a proposal waits for a second person. */
export { isPending, type PendingAnswer } from '../shared/proposals';

export const SUPPORT_KINDS = [
  'diagnostic',
  'feasibility-study',
  'technical-assistance',
  'commercial-assistance',
  'implementation',
  'provider-training',
  'applied-research',
  'institutional-upgrading',
  'consortium-start-up',
  'consortium-promotion',
] as const;

export const BENEFICIARY_KINDS = ['cluster', 'firm-network', 'export-consortium', 'cooperative'] as const;

/** Today as a business date (UTC), what date fields start from. */
export const today = () => new Date().toISOString().slice(0, 10);

/** A percentage typed as "75" or "62,5" → basis points; null when it does not read. */
export function percentToBp(text: string): number | null {
  const match = /^(\d{1,3})(?:[,.](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

const key = encodeURIComponent;

export const useFunds = () =>
  useQuery({ queryKey: ['cofinancing', 'funds'], queryFn: () => api.all<Fund>('/cofinancing/funds') });

export const useFund = (fundId: string | undefined) =>
  useQuery({
    queryKey: ['cofinancing', 'fund', fundId],
    queryFn: () => api.get<Fund>(`/cofinancing/funds/${key(fundId ?? '')}`),
    enabled: Boolean(fundId),
  });

export const useDonors = (fundId: string) =>
  useQuery({
    queryKey: ['cofinancing', 'donors', fundId],
    queryFn: () => api.all<Donor>(`/cofinancing/funds/${key(fundId)}/donors`),
  });

export const useWindows = (fundId: string | undefined) =>
  useQuery({
    queryKey: ['cofinancing', 'windows', fundId],
    queryFn: () => api.all<FundWindow>(`/cofinancing/funds/${key(fundId ?? '')}/windows`),
    enabled: Boolean(fundId),
  });

export const useBeneficiaries = () =>
  useQuery({
    queryKey: ['cofinancing', 'beneficiaries'],
    queryFn: () => api.all<BeneficiarySummary>('/cofinancing/beneficiaries'),
  });

export const useGrants = (filter: { fundId?: string; status?: GrantStatus; beneficiaryId?: string }) =>
  useQuery({
    queryKey: ['cofinancing', 'grants', filter],
    queryFn: () => api.all<Grant>(`/cofinancing/grants${q(filter)}`),
  });

export const usePolicy = (fundId: string | undefined) =>
  useQuery({
    queryKey: ['cofinancing', 'policy', fundId],
    queryFn: () =>
      api.get<{ fundId: string; currency: string; policy: ApprovalPolicy | null }>(
        `/cofinancing/funds/${key(fundId ?? '')}/approval-policy`,
      ),
    enabled: Boolean(fundId),
  });

/** The fund a per-fund screen shows: `?fonds=` in the address (Back and reload keep it), else the first. */
export function useChosenFund(funds: readonly Fund[] | undefined): {
  fund: Fund | undefined;
  choose: (fundId: string) => void;
} {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('fonds');
  const fund = funds?.find((f) => f.fundId === wanted) ?? funds?.[0];
  return {
    fund,
    choose: (fundId) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.set('fonds', fundId);
        return next;
      }),
  };
}
