import type { RecordedEvent } from '@ledger/event-store';
import {
  assertNever,
  BalanceLedger,
  BalancesProjection,
  type BalanceEffects,
  type BalanceMovement,
  type JsonObject,
} from '@ledger/event-sourcing';
import type { Money } from '@ledger/money';
import type { CofinancingEvent, ScheduleVersion } from '../../domain';
import { decodeCofinancing } from '../projections/decode';

/**
 * The co-financing balances as additive movements. Entities and their metrics:
 *   fund        (fundId)                      contributed, committed, disbursed, released, grantsApproved
 *   window      (fundId, part windowId)       committed, disbursed, released, grantsApproved
 *   donor       (fundId, part donorId)        contributed, contributions
 *   beneficiary (beneficiaryId, part '')      memberFirms, womenOwnedFirms, womenOwnedRecorded
 *               (beneficiaryId, part 'windowId/year')  grantsApproved, eligibleCost, subsidy, ownShare,
 *                                             invoiced, disbursed, released
 * The same events and signs as the live read models (funds and beneficiaries projections), so that
 * the balances as of today, as known now, are the live ones. Windows and donors are parts of their
 * fund, so that one aggregate answers for all the windows (or donors) of a fund.
 */
export const cofinancingBalances = new BalanceLedger({ prefix: 'cofinancing_asof' });

export const COFINANCING_BALANCES_PROJECTION = 'cofinancing.balances-as-of';

export const cofinancingBalancesProjection = new BalancesProjection(
  COFINANCING_BALANCES_PROJECTION,
  cofinancingBalances,
  (recorded: RecordedEvent) => {
    const event = decodeCofinancing(recorded);
    return event === null ? null : cofinancingBalanceEffects(event);
  },
);

export const yearPart = (windowId: string, participationYear: number) => `${windowId}/${participationYear}`;

export function parseYearPart(part: string): { windowId: string; participationYear: number } {
  const cut = part.lastIndexOf('/');
  return { windowId: part.slice(0, cut), participationYear: Number(part.slice(cut + 1)) };
}

function scheduleTerms(schedule: ScheduleVersion): JsonObject {
  const cap = (money: Money) => ({ amountMinor: money.toMinorString(), currency: money.currency.code });
  return {
    years: schedule.years.map((year) => ({ rateBp: year.rate.value, cap: cap(year.cap) })),
    afterLastYear: {
      rule: schedule.afterLastYear.rule,
      rateBp: schedule.afterLastYear.rate?.value ?? null,
      cap: schedule.afterLastYear.cap ? cap(schedule.afterLastYear.cap) : null,
    },
  };
}

export function cofinancingBalanceEffects(event: CofinancingEvent): BalanceEffects {
  const fund = (fundId: string, metric: string, delta: bigint): BalanceMovement => ({
    kind: 'fund',
    id: fundId,
    metric,
    delta,
  });
  const window = (fundId: string, windowId: string, metric: string, delta: bigint): BalanceMovement => ({
    kind: 'window',
    id: fundId,
    part: windowId,
    metric,
    delta,
  });
  const year = (
    e: { beneficiaryId: string; windowId: string; participationYear: number },
    metric: string,
    delta: bigint,
  ): BalanceMovement => ({
    kind: 'beneficiary',
    id: e.beneficiaryId,
    part: yearPart(e.windowId, e.participationYear),
    metric,
    delta,
  });
  const firms = (beneficiaryId: string, list: readonly { womenOwned: boolean | null }[]): BalanceMovement[] => [
    { kind: 'beneficiary', id: beneficiaryId, metric: 'memberFirms', delta: BigInt(list.length) },
    {
      kind: 'beneficiary',
      id: beneficiaryId,
      metric: 'womenOwnedFirms',
      delta: BigInt(list.filter((f) => f.womenOwned === true).length),
    },
    {
      kind: 'beneficiary',
      id: beneficiaryId,
      metric: 'womenOwnedRecorded',
      delta: BigInt(list.filter((f) => f.womenOwned !== null).length),
    },
  ];

  switch (event.type) {
    case 'cofinancing.FundCreated':
      return {
        movements: [],
        entities: [
          { kind: 'fund', id: event.fundId, name: event.name, currency: event.currency, createdOn: event.createdOn },
        ],
      };
    case 'cofinancing.DonorRegistered':
      return {
        movements: [],
        entities: [
          { kind: 'donor', parentId: event.fundId, id: event.donorId, name: event.name, createdOn: event.registeredOn },
        ],
      };
    case 'cofinancing.ContributionRecorded': {
      const amount = event.amount.amountMinor;
      return {
        movements: [
          fund(event.fundId, 'contributed', amount),
          { kind: 'donor', id: event.fundId, part: event.donorId, metric: 'contributed', delta: amount },
          { kind: 'donor', id: event.fundId, part: event.donorId, metric: 'contributions', delta: 1n },
        ],
      };
    }
    case 'cofinancing.WindowOpened':
      return {
        movements: [],
        entities: [
          {
            kind: 'window',
            parentId: event.fundId,
            id: event.windowId,
            name: event.name,
            createdOn: event.openedOn,
            details: { supportKind: event.supportKind },
          },
        ],
        terms: [
          {
            kind: 'window',
            id: event.windowId,
            version: event.schedule.version,
            effectiveFrom: event.schedule.effectiveFrom,
            terms: scheduleTerms(event.schedule),
          },
        ],
      };
    case 'cofinancing.WindowScheduleAmended':
      return {
        movements: [],
        terms: [
          {
            kind: 'window',
            id: event.windowId,
            version: event.schedule.version,
            effectiveFrom: event.schedule.effectiveFrom,
            terms: scheduleTerms(event.schedule),
          },
        ],
      };
    case 'cofinancing.FundsCommitted': {
      const amount = event.amount.amountMinor;
      return {
        movements: [
          fund(event.fundId, 'committed', amount),
          fund(event.fundId, 'grantsApproved', 1n),
          window(event.fundId, event.windowId, 'committed', amount),
          window(event.fundId, event.windowId, 'grantsApproved', 1n),
        ],
      };
    }
    case 'cofinancing.CommitmentReleased': {
      const amount = event.amount.amountMinor;
      return {
        movements: [
          fund(event.fundId, 'committed', -amount),
          fund(event.fundId, 'released', amount),
          window(event.fundId, event.windowId, 'committed', -amount),
          window(event.fundId, event.windowId, 'released', amount),
        ],
      };
    }
    case 'cofinancing.GrantDisbursed': {
      const paid = event.paid.amountMinor;
      return {
        movements: [
          fund(event.fundId, 'disbursed', paid),
          window(event.fundId, event.windowId, 'disbursed', paid),
          year(event, 'invoiced', event.invoiceAmount.amountMinor),
          year(event, 'disbursed', paid),
        ],
      };
    }
    case 'cofinancing.DisbursementReversed': {
      // Recorded with the business time of the entry it corrects (see ReverseDisbursementHandler):
      // "as of" that date now nets to zero, "as known" before the correction still shows the entry.
      const paid = event.paid.amountMinor;
      return {
        movements: [
          fund(event.fundId, 'disbursed', -paid),
          window(event.fundId, event.windowId, 'disbursed', -paid),
          year(event, 'invoiced', -event.invoiceAmount.amountMinor),
          year(event, 'disbursed', -paid),
        ],
      };
    }
    case 'cofinancing.BeneficiaryEnrolled':
      return {
        movements: firms(event.beneficiaryId, event.memberFirms),
        entities: [
          {
            kind: 'beneficiary',
            id: event.beneficiaryId,
            name: event.name,
            createdOn: event.enrolledOn,
            details: { kind: event.kind },
          },
        ],
      };
    case 'cofinancing.MemberFirmAdded':
      return { movements: firms(event.beneficiaryId, [event]) };
    case 'cofinancing.GrantApproved':
      return {
        movements: [
          year(event, 'grantsApproved', 1n),
          year(event, 'eligibleCost', event.eligibleCost.amountMinor),
          year(event, 'subsidy', event.subsidy.amountMinor),
          year(event, 'ownShare', event.ownShare.amountMinor),
        ],
      };
    case 'cofinancing.GrantClosed':
      return { movements: [year(event, 'released', event.released.amountMinor)] };
    case 'cofinancing.GrantCancelled': {
      if (!event.wasApproved) return { movements: [] };
      const eligible = event.eligibleCost.amountMinor;
      const subsidy = event.released.amountMinor;
      return {
        movements: [
          year(event, 'grantsApproved', -1n),
          year(event, 'eligibleCost', -eligible),
          year(event, 'subsidy', -subsidy),
          year(event, 'ownShare', -(eligible - subsidy)),
        ],
      };
    }
    case 'cofinancing.CapAllocated':
    case 'cofinancing.CapReleased':
    case 'cofinancing.GrantRequested':
    case 'cofinancing.GrantRejected':
      return { movements: [] };
    default:
      return assertNever(event);
  }
}
