import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type Projection } from '@ledger/event-sourcing';
import { decodePage, TableFold } from './table-fold';

type YearKey = readonly [beneficiaryId: string, windowId: string, participationYear: number];

const yearKey = (e: { beneficiaryId: string; windowId: string; participationYear: number }): YearKey => [
  e.beneficiaryId,
  e.windowId,
  e.participationYear,
];

/**
 * Beneficiaries with their member firms (how many women-owned, where recorded), and per
 * beneficiary, window and participation year: eligible cost, subsidy and own share of the grants
 * approved (a grant cancelled after approval is taken out again), then invoiced, disbursed and
 * released at closure. The effective rate is subsidy ÷ eligible cost, computed when read.
 *
 * A page is folded in memory (see TableFold) and written with a few statements; a year's row is
 * created by the first approval of the year, so the years already stored are read first.
 */
export class CofinancingBeneficiariesProjection implements Projection {
  readonly name = 'cofinancing.beneficiaries';
  readonly tables = ['cofinancing_beneficiaries', 'cofinancing_member_firms', 'cofinancing_beneficiary_years'];

  apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    return this.applyBatch([recorded], manager);
  }

  async applyBatch(page: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const events = decodePage(page);
    if (events.length === 0) return;
    const beneficiaries = new TableFold({
      table: 'cofinancing_beneficiaries',
      key: ['beneficiary_id'],
      columns: {
        beneficiary_id: 'text',
        name: 'text',
        kind: 'text',
        enrolled_on: 'text',
        member_firms: 'integer',
        women_owned_firms: 'integer',
        women_owned_recorded: 'integer',
      },
      counters: ['member_firms', 'women_owned_firms', 'women_owned_recorded'],
    });
    const firms = new TableFold({
      table: 'cofinancing_member_firms',
      key: ['beneficiary_id', 'firm_id'],
      columns: { beneficiary_id: 'text', firm_id: 'text', name: 'text', women_owned: 'boolean', joined_on: 'text' },
    });
    const years = new TableFold({
      table: 'cofinancing_beneficiary_years',
      key: ['beneficiary_id', 'window_id', 'participation_year'],
      columns: {
        beneficiary_id: 'text',
        window_id: 'text',
        participation_year: 'integer',
        fund_id: 'text',
        currency: 'text',
        grants_approved: 'integer',
        eligible_cost: 'numeric',
        subsidy: 'numeric',
        own_share: 'numeric',
        invoiced: 'numeric',
        disbursed: 'numeric',
        released: 'numeric',
      },
      counters: ['grants_approved', 'eligible_cost', 'subsidy', 'own_share', 'invoiced', 'disbursed', 'released'],
    });
    await this.storedYears(manager, events, years);
    const addFirm = (beneficiaryId: string, firmId: string, name: string, womenOwned: boolean | null, on: string) => {
      firms.insert({ beneficiary_id: beneficiaryId, firm_id: firmId, name, women_owned: womenOwned, joined_on: on });
      beneficiaries.add([beneficiaryId], 'member_firms', 1n);
      if (womenOwned === true) beneficiaries.add([beneficiaryId], 'women_owned_firms', 1n);
      if (womenOwned !== null) beneficiaries.add([beneficiaryId], 'women_owned_recorded', 1n);
    };

    for (const { event } of events) {
      switch (event.type) {
        case 'cofinancing.BeneficiaryEnrolled':
          beneficiaries.insert({
            beneficiary_id: event.beneficiaryId,
            name: event.name,
            kind: event.kind,
            enrolled_on: event.enrolledOn,
          });
          for (const firm of event.memberFirms) {
            addFirm(event.beneficiaryId, firm.firmId, firm.name, firm.womenOwned, event.enrolledOn);
          }
          break;
        case 'cofinancing.MemberFirmAdded':
          addFirm(event.beneficiaryId, event.firmId, event.name, event.womenOwned, event.joinedOn);
          break;
        case 'cofinancing.GrantApproved': {
          const key = yearKey(event);
          const eligibleCost = event.eligibleCost.amountMinor;
          const subsidy = event.subsidy.amountMinor;
          const ownShare = event.ownShare.amountMinor;
          if (!years.has(key)) {
            years.insert({
              beneficiary_id: event.beneficiaryId,
              window_id: event.windowId,
              participation_year: event.participationYear,
              fund_id: event.fundId,
              currency: event.subsidy.currency.code,
              grants_approved: 1n,
              eligible_cost: eligibleCost,
              subsidy,
              own_share: ownShare,
            });
          } else {
            years.add(key, 'grants_approved', 1n);
            years.add(key, 'eligible_cost', eligibleCost);
            years.add(key, 'subsidy', subsidy);
            years.add(key, 'own_share', ownShare);
          }
          break;
        }
        case 'cofinancing.GrantDisbursed':
          years.add(yearKey(event), 'invoiced', event.invoiceAmount.amountMinor);
          years.add(yearKey(event), 'disbursed', event.paid.amountMinor);
          break;
        case 'cofinancing.DisbursementReversed':
          years.add(yearKey(event), 'invoiced', -event.invoiceAmount.amountMinor);
          years.add(yearKey(event), 'disbursed', -event.paid.amountMinor);
          break;
        case 'cofinancing.GrantClosed':
          years.add(yearKey(event), 'released', event.released.amountMinor);
          break;
        case 'cofinancing.GrantCancelled': {
          if (!event.wasApproved) break;
          const key = yearKey(event);
          const eligibleCost = event.eligibleCost.amountMinor;
          const released = event.released.amountMinor;
          years.add(key, 'grants_approved', -1n);
          years.add(key, 'eligible_cost', -eligibleCost);
          years.add(key, 'subsidy', -released);
          years.add(key, 'own_share', -(eligibleCost - released));
          break;
        }
        case 'cofinancing.FundCreated':
        case 'cofinancing.DonorRegistered':
        case 'cofinancing.ContributionRecorded':
        case 'cofinancing.WindowOpened':
        case 'cofinancing.WindowScheduleAmended':
        case 'cofinancing.FundsCommitted':
        case 'cofinancing.CommitmentReleased':
        case 'cofinancing.CapAllocated':
        case 'cofinancing.CapReleased':
        case 'cofinancing.GrantRequested':
        case 'cofinancing.GrantRejected':
          break;
        default:
          assertNever(event);
      }
    }
    for (const table of [beneficiaries, firms, years]) await table.write(manager);
  }

  /** The stored year rows the page's approvals add to (the others are created by the page). */
  private async storedYears(
    manager: EntityManager,
    events: ReturnType<typeof decodePage>,
    years: TableFold,
  ): Promise<void> {
    const keys = events.flatMap(({ event }) => (event.type === 'cofinancing.GrantApproved' ? [yearKey(event)] : []));
    if (keys.length === 0) return;
    const rows: { beneficiary_id: string; window_id: string; participation_year: number }[] = await manager.query(
      `SELECT y.beneficiary_id, y.window_id, y.participation_year FROM cofinancing_beneficiary_years y
         JOIN unnest($1::text[], $2::text[], $3::int[]) AS k(beneficiary_id, window_id, participation_year)
           USING (beneficiary_id, window_id, participation_year)`,
      [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.map((k) => k[2])],
    );
    years.stored(rows.map((row) => [row.beneficiary_id, row.window_id, row.participation_year]));
  }
}
