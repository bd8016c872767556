import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type Projection } from '@ledger/event-sourcing';
import { decodeCofinancing } from './decode';

/**
 * Beneficiaries with their member firms (how many women-owned, where recorded), and per
 * beneficiary, window and participation year: eligible cost, subsidy and own share of the grants
 * approved (a grant cancelled after approval is taken out again), then invoiced, disbursed and
 * released at closure. The effective rate is subsidy ÷ eligible cost, computed when read.
 */
export class CofinancingBeneficiariesProjection implements Projection {
  readonly name = 'cofinancing.beneficiaries';
  readonly tables = ['cofinancing_beneficiaries', 'cofinancing_member_firms', 'cofinancing_beneficiary_years'];

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    const event = decodeCofinancing(recorded);
    if (!event) return;
    switch (event.type) {
      case 'cofinancing.BeneficiaryEnrolled':
        await manager.query(
          `INSERT INTO cofinancing_beneficiaries (beneficiary_id, name, kind, enrolled_on) VALUES ($1, $2, $3, $4)`,
          [event.beneficiaryId, event.name, event.kind, event.enrolledOn],
        );
        for (const firm of event.memberFirms) {
          await this.addFirm(manager, event.beneficiaryId, firm.firmId, firm.name, firm.womenOwned, event.enrolledOn);
        }
        return;
      case 'cofinancing.MemberFirmAdded':
        await this.addFirm(manager, event.beneficiaryId, event.firmId, event.name, event.womenOwned, event.joinedOn);
        return;
      case 'cofinancing.GrantApproved':
        await manager.query(
          `INSERT INTO cofinancing_beneficiary_years
             (beneficiary_id, window_id, participation_year, fund_id, currency, grants_approved, eligible_cost, subsidy, own_share)
           VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8)
           ON CONFLICT (beneficiary_id, window_id, participation_year) DO UPDATE SET
             grants_approved = cofinancing_beneficiary_years.grants_approved + 1,
             eligible_cost = cofinancing_beneficiary_years.eligible_cost + EXCLUDED.eligible_cost,
             subsidy = cofinancing_beneficiary_years.subsidy + EXCLUDED.subsidy,
             own_share = cofinancing_beneficiary_years.own_share + EXCLUDED.own_share`,
          [
            event.beneficiaryId,
            event.windowId,
            event.participationYear,
            event.fundId,
            event.subsidy.currency.code,
            event.eligibleCost.toMinorString(),
            event.subsidy.toMinorString(),
            event.ownShare.toMinorString(),
          ],
        );
        return;
      case 'cofinancing.GrantDisbursed':
        await this.year(manager, event, 'invoiced = invoiced + $4::numeric, disbursed = disbursed + $5::numeric', [
          event.invoiceAmount.toMinorString(),
          event.paid.toMinorString(),
        ]);
        return;
      case 'cofinancing.DisbursementReversed':
        await this.year(manager, event, 'invoiced = invoiced - $4::numeric, disbursed = disbursed - $5::numeric', [
          event.invoiceAmount.toMinorString(),
          event.paid.toMinorString(),
        ]);
        return;
      case 'cofinancing.GrantClosed':
        await this.year(manager, event, 'released = released + $4::numeric', [event.released.toMinorString()]);
        return;
      case 'cofinancing.GrantCancelled':
        if (!event.wasApproved) return;
        await this.year(
          manager,
          event,
          `grants_approved = grants_approved - 1, eligible_cost = eligible_cost - $4::numeric,
           subsidy = subsidy - $5::numeric, own_share = own_share - ($4::numeric - $5::numeric)`,
          [event.eligibleCost.toMinorString(), event.released.toMinorString()],
        );
        return;
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
        return;
      default:
        assertNever(event);
    }
  }

  private async year(
    manager: EntityManager,
    key: { beneficiaryId: string; windowId: string; participationYear: number },
    set: string,
    values: readonly string[],
  ): Promise<void> {
    await manager.query(
      `UPDATE cofinancing_beneficiary_years SET ${set}
        WHERE beneficiary_id = $1 AND window_id = $2 AND participation_year = $3`,
      [key.beneficiaryId, key.windowId, key.participationYear, ...values],
    );
  }

  private async addFirm(
    manager: EntityManager,
    beneficiaryId: string,
    firmId: string,
    name: string,
    womenOwned: boolean | null,
    joinedOn: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO cofinancing_member_firms (beneficiary_id, firm_id, name, women_owned, joined_on)
       VALUES ($1, $2, $3, $4, $5)`,
      [beneficiaryId, firmId, name, womenOwned, joinedOn],
    );
    await manager.query(
      `UPDATE cofinancing_beneficiaries SET member_firms = member_firms + 1,
         women_owned_firms = women_owned_firms + $2, women_owned_recorded = women_owned_recorded + $3
       WHERE beneficiary_id = $1`,
      [beneficiaryId, womenOwned === true ? 1 : 0, womenOwned === null ? 0 : 1],
    );
  }
}
