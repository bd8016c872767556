import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type Projection } from '@ledger/event-sourcing';
import { decodeCofinancing } from './decode';

/** The list of grants with their state and figures, and each grant's disbursements against invoices. */
export class CofinancingGrantsProjection implements Projection {
  readonly name = 'cofinancing.grants';
  readonly tables = ['cofinancing_grants', 'cofinancing_disbursements'];

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    const event = decodeCofinancing(recorded);
    if (!event) return;
    const position = recorded.position.toString();
    switch (event.type) {
      case 'cofinancing.GrantRequested':
        await manager.query(
          `INSERT INTO cofinancing_grants
             (grant_id, fund_id, window_id, beneficiary_id, status, participation_year, service_provider, description,
              currency, eligible_cost, requested_on, requested_position, last_position)
           VALUES ($1, $2, $3, $4, 'requested', $5, $6, $7, $8, $9, $10, $11, $11)`,
          [
            event.grantId,
            event.fundId,
            event.windowId,
            event.beneficiaryId,
            event.participationYear,
            event.serviceProvider,
            event.description,
            event.eligibleCost.currency.code,
            event.eligibleCost.toMinorString(),
            event.requestedOn,
            position,
          ],
        );
        return;
      case 'cofinancing.GrantApproved':
        await this.update(
          manager,
          event.grantId,
          position,
          `status = 'approved', approved_on = $3, subsidy = $4, own_share = $5, rate_bp = $6, schedule_version = $7,
           computation = $8::jsonb`,
          [
            event.approvedOn,
            event.subsidy.toMinorString(),
            event.ownShare.toMinorString(),
            event.rate.value,
            event.scheduleVersion,
            JSON.stringify({
              yearRule: event.computation.yearRule,
              rateBp: event.rate.value,
              rateSubsidy: event.computation.rateSubsidy.toJSON(),
              cap: event.computation.cap.toJSON(),
              capUsedBefore: event.computation.capUsedBefore.toJSON(),
              capLeft: event.computation.capLeft.toJSON(),
              limitedBy: event.computation.limitedBy,
              fundAvailableBefore: event.computation.fundAvailableBefore.toJSON(),
            }),
          ],
        );
        return;
      case 'cofinancing.GrantRejected':
        await this.update(manager, event.grantId, position, `status = 'rejected', rejected_on = $3, reason = $4`, [
          event.rejectedOn,
          event.reason,
        ]);
        return;
      case 'cofinancing.GrantDisbursed':
        await manager.query(
          `INSERT INTO cofinancing_disbursements
             (disbursement_id, grant_id, invoice_reference, invoice_date, invoice_amount, paid, currency, rule,
              disbursed_on, position, replaces)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                   (SELECT disbursement_id FROM cofinancing_disbursements WHERE grant_id = $2 AND replaced_by = $1))`,
          [
            event.disbursementId,
            event.grantId,
            event.invoiceReference,
            event.invoiceDate,
            event.invoiceAmount.toMinorString(),
            event.paid.toMinorString(),
            event.paid.currency.code,
            event.rule,
            event.disbursedOn,
            position,
          ],
        );
        await this.update(manager, event.grantId, position, 'invoiced = $3, disbursed = $4', [
          event.invoicedTotal.toMinorString(),
          event.disbursedTotal.toMinorString(),
        ]);
        return;
      case 'cofinancing.DisbursementReversed':
        await manager.query(
          `UPDATE cofinancing_disbursements
              SET reversed_on = $3, reversal_reason = $4, reversal_position = $5, replaced_by = $6
            WHERE grant_id = $1 AND disbursement_id = $2`,
          [event.grantId, event.disbursementId, event.correctedOn, event.reason, position, event.replacedBy],
        );
        await this.update(manager, event.grantId, position, 'invoiced = $3, disbursed = $4', [
          event.invoicedTotal.toMinorString(),
          event.disbursedTotal.toMinorString(),
        ]);
        return;
      case 'cofinancing.GrantClosed':
        await this.update(manager, event.grantId, position, `status = 'closed', closed_on = $3, released = $4`, [
          event.closedOn,
          event.released.toMinorString(),
        ]);
        return;
      case 'cofinancing.GrantCancelled':
        await this.update(
          manager,
          event.grantId,
          position,
          `status = 'cancelled', cancelled_on = $3, reason = $4, released = $5`,
          [event.cancelledOn, event.reason, event.released.toMinorString()],
        );
        return;
      case 'cofinancing.FundCreated':
      case 'cofinancing.DonorRegistered':
      case 'cofinancing.ContributionRecorded':
      case 'cofinancing.WindowOpened':
      case 'cofinancing.WindowScheduleAmended':
      case 'cofinancing.FundsCommitted':
      case 'cofinancing.CommitmentReleased':
      case 'cofinancing.BeneficiaryEnrolled':
      case 'cofinancing.MemberFirmAdded':
      case 'cofinancing.CapAllocated':
      case 'cofinancing.CapReleased':
        return;
      default:
        assertNever(event);
    }
  }

  private async update(
    manager: EntityManager,
    grantId: string,
    position: string,
    set: string,
    values: readonly unknown[],
  ): Promise<void> {
    await manager.query(`UPDATE cofinancing_grants SET ${set}, last_position = $2 WHERE grant_id = $1`, [
      grantId,
      position,
      ...values,
    ]);
  }
}
