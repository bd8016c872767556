import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, q } from '../../api';
import type { MoneyJson } from '../../money';

/** The mutual-guarantee API's answers, as the guarantee officer's screens read them. */

export interface Ratio {
  readonly ratio: string;
  readonly decimal: string;
}

export interface CompanyFigures {
  readonly capitalSubscribed: MoneyJson;
  readonly capitalPaid: MoneyJson;
  readonly fundBalance: MoneyJson;
  readonly outstandingPrincipal: MoneyJson;
  readonly guaranteedOutstanding: MoneyJson;
  readonly capacity: MoneyJson;
  readonly headroom: MoneyJson;
  readonly guaranteesIssued: number;
  readonly guaranteesInForce: number;
  readonly creditMobilised: MoneyJson;
  readonly calls: number;
  readonly claimsCalled: MoneyJson;
  readonly claimsPaid: MoneyJson;
  readonly recoveries: MoneyJson;
}

export interface CompanySummary extends CompanyFigures {
  readonly companyId: string;
  readonly name: string;
  readonly currency: string;
  readonly registeredOn: string;
  readonly members: { active: number; total: number };
  readonly fundDeposited: MoneyJson;
  readonly fundWithdrawn: MoneyJson;
}

export interface Deposit {
  readonly depositId: string;
  readonly bankId: string;
  readonly amount: MoneyJson;
  readonly withdrawn: MoneyJson;
  readonly termDepositReference: string | null;
  readonly depositedOn: string;
  readonly maturesOn: string | null;
}

export type ConventionStatus = 'not-yet-in-force' | 'in-force' | 'expired' | 'terminated';

export interface Convention {
  readonly conventionId: string;
  readonly companyId: string;
  readonly bankId: string;
  readonly currency: string;
  readonly status: ConventionStatus;
  readonly openForIssuance: boolean;
  readonly signedOn: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly terminatedOn?: string | null;
  readonly multiplier: Ratio;
  readonly coverageRateBp: number;
  readonly ceilingBasis: string;
  readonly capacity: MoneyJson;
  readonly outstanding: MoneyJson;
  readonly headroom: MoneyJson;
  readonly guaranteesInForce: number;
}

export interface Company extends CompanySummary {
  readonly reserved?: { pendingProposals: number; headroom: MoneyJson; guaranteeFund: MoneyJson };
  readonly deposits?: readonly Deposit[];
  readonly conventions: readonly Convention[];
}

export interface ConventionListItem {
  readonly conventionId: string;
  readonly companyId: string;
  readonly companyName: string | null;
  readonly bankId: string;
  readonly currency: string;
  readonly status: ConventionStatus;
  readonly openForIssuance: boolean;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly coverageRateBp: number;
}

export interface Member {
  readonly memberId: string;
  readonly name: string;
  readonly status: 'active' | 'left';
  readonly admittedOn: string;
  readonly leftOn: string | null;
  readonly capitalSubscribed: MoneyJson;
  readonly capitalPaid: MoneyJson;
  readonly guaranteesInForce: number;
  readonly defaults: number;
}

export type GuaranteeState = 'active' | 'released' | 'called';
export const GUARANTEE_STATES: readonly GuaranteeState[] = ['active', 'released', 'called'];

export interface GuaranteeListItem {
  readonly guaranteeId: string;
  readonly companyId: string;
  readonly conventionId: string;
  readonly bankId: string;
  readonly memberId: string;
  readonly loanReference: string;
  readonly status: GuaranteeState;
  readonly issuedOn: string;
  readonly coverageRateBp: number;
}

export interface Guarantee extends GuaranteeListItem {
  readonly principal: MoneyJson;
  readonly guaranteedAmount: MoneyJson;
  readonly outstandingPrincipal: MoneyJson;
  readonly guaranteedOutstanding: MoneyJson;
  readonly loanStartDate: string;
  readonly maturityDate: string;
  readonly releasedOn?: string | null;
  readonly calledOn?: string | null;
  readonly outstandingAtDefault: MoneyJson | null;
  readonly claim: MoneyJson | null;
  readonly claimPaid: MoneyJson;
  readonly recovered: MoneyJson;
}

/** A command's 202 answer: nothing done yet, a proposal waits for a second person. */
export { isPending, type PendingAnswer } from '../shared/proposals';

/** Today as a business date (UTC), what date fields start from. */
export const today = () => new Date().toISOString().slice(0, 10);

/** A percentage typed as "75" or "62,5" → basis points; null when it does not read. */
export function percentToBp(text: string): number | null {
  const match = /^(\d{1,3})(?:[,.](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** A multiplier typed as "5", "2,5" or "5/1" → the API's "n/d" or decimal; null when it does not read. */
export function readMultiplier(text: string): string | null {
  const t = text.trim().replace(',', '.');
  return /^\d{1,6}(\.\d{1,6})?$/.test(t) || /^\d{1,12}\/\d{1,12}$/.test(t) ? t : null;
}

const key = encodeURIComponent;

export const useCompanies = () =>
  useQuery({
    queryKey: ['guarantees', 'companies'],
    queryFn: () => api.all<CompanySummary>('/guarantee-companies'),
  });

export const useCompany = (companyId: string | undefined) =>
  useQuery({
    queryKey: ['guarantees', 'company', companyId],
    queryFn: () => api.get<Company>(`/guarantee-companies/${key(companyId ?? '')}`),
    enabled: Boolean(companyId),
  });

export const useMembers = (companyId: string | undefined) =>
  useQuery({
    queryKey: ['guarantees', 'members', companyId],
    queryFn: () => api.all<Member>(`/guarantee-companies/${key(companyId ?? '')}/members`),
    enabled: Boolean(companyId),
  });

export const useConventions = (filter: { companyId?: string; status?: ConventionStatus } = {}) =>
  useQuery({
    queryKey: ['guarantees', 'conventions', filter],
    queryFn: () => api.all<ConventionListItem>(`/bank-conventions${q(filter)}`),
  });

export const useGuarantees = (filter: { companyId?: string; loanReference?: string; state?: GuaranteeState }) =>
  useQuery({
    queryKey: ['guarantees', 'guarantees', filter],
    queryFn: () => api.all<GuaranteeListItem>(`/guarantees${q(filter)}`),
  });

export const useGuarantee = (guaranteeId: string | undefined) =>
  useQuery({
    queryKey: ['guarantees', 'guarantee', guaranteeId],
    queryFn: () => api.get<Guarantee>(`/guarantees/${key(guaranteeId ?? '')}`),
    enabled: Boolean(guaranteeId),
  });

/** The company a per-company screen shows: `?societe=` in the address (Back and reload keep it), else the first. */
export function useChosenCompany(companies: readonly CompanySummary[] | undefined): {
  company: CompanySummary | undefined;
  choose: (companyId: string) => void;
} {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('societe');
  const company = companies?.find((c) => c.companyId === wanted) ?? companies?.[0];
  return {
    company,
    choose: (companyId) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.set('societe', companyId);
        return next;
      }),
  };
}

/** Why a member may not take a new guarantee (the API's rule), or null when in good standing. */
export function standingProblem(m: Member): 'left' | 'capital-not-paid' | 'in-default' | null {
  if (m.status === 'left') return 'left';
  const subscribed = BigInt(m.capitalSubscribed.amountMinor);
  if (subscribed <= 0n || BigInt(m.capitalPaid.amountMinor) < subscribed) return 'capital-not-paid';
  if (m.defaults > 0) return 'in-default';
  return null;
}
