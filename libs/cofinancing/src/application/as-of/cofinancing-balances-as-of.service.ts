import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readAsOf, type AsOf, type AsOfInput, type AsOfStamp, type SqlRunner } from '@ledger/event-sourcing';
import { BeneficiaryNotFound, DonorNotFound, FundNotFound, WindowNotFound } from '../../domain';
import { effectiveRate, moneyOf } from '../queries/read-model-json';
import { COFINANCING_BALANCES_PROJECTION, cofinancingBalances, parseYearPart } from './cofinancing-balance-effects';
import type {
  BeneficiaryBalancesAsOfView,
  DonorBalancesAsOfView,
  FundBalancesAsOfView,
  WindowBalancesAsOfView,
} from './cofinancing-balances-as-of.views';

/**
 * The co-financing balances as of a business date D, as known at a record time T (defaults: today,
 * everything recorded): fund, its windows, its donors, a beneficiary. Answered from the
 * `cofinancing.balances-as-of` projection — monthly checkpoints plus the movements after them —
 * in one read-only snapshot, never by replaying the log. Also used by the audit exports.
 */
@Injectable()
export class CofinancingBalancesAsOf {
  constructor(private readonly data: DataSource) {}

  fund(fundId: string, at?: AsOfInput): Promise<FundBalancesAsOfView> {
    return this.read(at, async (db, point, stamp) => {
      const fund = await cofinancingBalances.entity(db, 'fund', fundId, point);
      if (!fund) throw new FundNotFound(fundId);
      const b = await cofinancingBalances.balances(db, 'fund', fundId, point);
      const currency = fund.currency as string;
      const [contributed, committed, disbursed] = [b.get('contributed'), b.get('committed'), b.get('disbursed')];
      return {
        ...stamp,
        fundId,
        name: fund.name ?? '',
        currency,
        createdOn: fund.createdOn,
        contributed: money(contributed, currency),
        committed: money(committed, currency),
        disbursed: money(disbursed, currency),
        available: money(contributed - committed, currency),
        outstandingCommitments: money(committed - disbursed, currency),
        releasedAtClosure: money(b.get('released'), currency),
        grantsApproved: b.count('grantsApproved'),
      };
    });
  }

  windows(fundId: string, at?: AsOfInput): Promise<AsOfStamp & { fundId: string; items: WindowBalancesAsOfView[] }> {
    return this.read(at, async (db, point, stamp) => ({
      ...stamp,
      fundId,
      items: await this.windowViews(db, fundId, point),
    }));
  }

  window(fundId: string, windowId: string, at?: AsOfInput): Promise<AsOfStamp & WindowBalancesAsOfView> {
    return this.read(at, async (db, point, stamp) => {
      const view = (await this.windowViews(db, fundId, point)).find((w) => w.windowId === windowId);
      if (!view) throw new WindowNotFound(fundId, windowId);
      return { ...stamp, ...view };
    });
  }

  donors(fundId: string, at?: AsOfInput): Promise<AsOfStamp & { fundId: string; items: DonorBalancesAsOfView[] }> {
    return this.read(at, async (db, point, stamp) => ({
      ...stamp,
      fundId,
      items: await this.donorViews(db, fundId, point),
    }));
  }

  donor(fundId: string, donorId: string, at?: AsOfInput): Promise<AsOfStamp & DonorBalancesAsOfView> {
    return this.read(at, async (db, point, stamp) => {
      const view = (await this.donorViews(db, fundId, point)).find((d) => d.donorId === donorId);
      if (!view) throw new DonorNotFound(fundId, donorId);
      return { ...stamp, ...view };
    });
  }

  beneficiary(beneficiaryId: string, at?: AsOfInput): Promise<BeneficiaryBalancesAsOfView> {
    return this.read(at, async (db, point, stamp) => {
      const beneficiary = await cofinancingBalances.entity(db, 'beneficiary', beneficiaryId, point);
      if (!beneficiary) throw new BeneficiaryNotFound(beneficiaryId);
      const b = await cofinancingBalances.balances(db, 'beneficiary', beneficiaryId, point);
      const funds = new Map<string, { fundId: string; currency: string }>();
      const fundOfWindow = async (windowId: string) => {
        let found = funds.get(windowId);
        if (!found) {
          const window = await cofinancingBalances.entity(db, 'window', windowId, { ...point, knownAt: null });
          const fundId = window?.parentId ?? '';
          const fund = await cofinancingBalances.entity(db, 'fund', fundId, { ...point, knownAt: null });
          found = { fundId, currency: fund?.currency ?? '' };
          funds.set(windowId, found);
        }
        return found;
      };
      const parts = b
        .parts()
        .map((part) => ({ part, ...parseYearPart(part) }))
        .sort((x, y) => x.participationYear - y.participationYear || (x.windowId < y.windowId ? -1 : 1));
      const years = [];
      for (const { part, windowId, participationYear } of parts) {
        const { fundId, currency } = await fundOfWindow(windowId);
        const [subsidy, eligible] = [b.get('subsidy', part), b.get('eligibleCost', part)];
        const rate = effectiveRate(subsidy.toString(), eligible.toString());
        years.push({
          participationYear,
          windowId,
          fundId,
          grantsApproved: b.count('grantsApproved', part),
          eligibleCost: money(eligible, currency),
          subsidy: money(subsidy, currency),
          ownShare: money(b.get('ownShare', part), currency),
          effectiveRateBp: rate.bp,
          effectiveRate: rate.ratio,
          invoiced: money(b.get('invoiced', part), currency),
          disbursed: money(b.get('disbursed', part), currency),
          releasedAtClosure: money(b.get('released', part), currency),
        });
      }
      return {
        ...stamp,
        beneficiaryId,
        name: beneficiary.name ?? '',
        kind: String(beneficiary.details.kind ?? ''),
        enrolledOn: beneficiary.createdOn,
        memberFirms: b.count('memberFirms'),
        womenOwnedFirms: b.count('womenOwnedFirms'),
        womenOwnershipRecorded: b.count('womenOwnedRecorded'),
        years,
      };
    });
  }

  private async windowViews(db: SqlRunner, fundId: string, point: AsOf): Promise<WindowBalancesAsOfView[]> {
    const fund = await cofinancingBalances.entity(db, 'fund', fundId, point);
    if (!fund) throw new FundNotFound(fundId);
    const currency = fund.currency as string;
    const windows = await cofinancingBalances.children(db, 'window', fundId, point);
    const b = await cofinancingBalances.balances(db, 'window', fundId, point);
    const views: WindowBalancesAsOfView[] = [];
    for (const window of windows) {
      const terms = await cofinancingBalances.terms(db, 'window', window.id, point);
      views.push({
        windowId: window.id,
        fundId,
        name: window.name ?? '',
        supportKind: String(window.details.supportKind ?? ''),
        openedOn: window.createdOn,
        scheduleInForce: terms && {
          version: terms.inForce.version,
          effectiveFrom: terms.inForce.effectiveFrom,
          terms: terms.inForce.terms,
        },
        latestScheduleVersion: terms?.latest.version ?? null,
        committed: money(b.get('committed', window.id), currency),
        disbursed: money(b.get('disbursed', window.id), currency),
        releasedAtClosure: money(b.get('released', window.id), currency),
        grantsApproved: b.count('grantsApproved', window.id),
      });
    }
    return views;
  }

  private async donorViews(db: SqlRunner, fundId: string, point: AsOf): Promise<DonorBalancesAsOfView[]> {
    const fund = await cofinancingBalances.entity(db, 'fund', fundId, point);
    if (!fund) throw new FundNotFound(fundId);
    const currency = fund.currency as string;
    const donors = await cofinancingBalances.children(db, 'donor', fundId, point);
    const b = await cofinancingBalances.balances(db, 'donor', fundId, point);
    return donors.map((donor) => ({
      donorId: donor.id,
      name: donor.name ?? '',
      registeredOn: donor.createdOn,
      contributed: money(b.get('contributed', donor.id), currency),
      contributionCount: b.count('contributions', donor.id),
    }));
  }

  private read<T>(
    at: AsOfInput | undefined,
    work: (db: SqlRunner, point: AsOf, stamp: AsOfStamp) => Promise<T>,
  ): Promise<T> {
    return readAsOf(this.data, COFINANCING_BALANCES_PROJECTION, at, work);
  }
}

const money = (amountMinor: bigint, currency: string) => moneyOf(amountMinor.toString(), currency);
