import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type Projection } from '@ledger/event-sourcing';
import { decodePage, TableFold } from './table-fold';

const AMOUNT = 'numeric' as const;

/**
 * The list of grants with their state and figures, and each grant's disbursements against invoices.
 *
 * A page is folded in memory (see TableFold) and written with a few statements. A disbursement
 * that replaces a reversed one names it (`replaces`): the reversed row is found as it is at that
 * point of the page, among the rows stored before it and those the page wrote.
 */
export class CofinancingGrantsProjection implements Projection {
  readonly name = 'cofinancing.grants';
  readonly tables = ['cofinancing_grants', 'cofinancing_disbursements'];

  apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    return this.applyBatch([recorded], manager);
  }

  async applyBatch(page: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const events = decodePage(page);
    if (events.length === 0) return;
    const grants = new TableFold({
      table: 'cofinancing_grants',
      key: ['grant_id'],
      columns: {
        grant_id: 'text',
        fund_id: 'text',
        window_id: 'text',
        beneficiary_id: 'text',
        status: 'text',
        participation_year: 'integer',
        service_provider: 'text',
        description: 'text',
        currency: 'text',
        eligible_cost: AMOUNT,
        requested_on: 'text',
        subsidy: AMOUNT,
        own_share: AMOUNT,
        rate_bp: 'integer',
        schedule_version: 'integer',
        computation: 'jsonb',
        approved_on: 'text',
        rejected_on: 'text',
        closed_on: 'text',
        cancelled_on: 'text',
        reason: 'text',
        invoiced: AMOUNT,
        disbursed: AMOUNT,
        released: AMOUNT,
        requested_position: 'bigint',
        last_position: 'bigint',
      },
      counters: ['invoiced', 'disbursed', 'released'],
    });
    const disbursements = new TableFold({
      table: 'cofinancing_disbursements',
      key: ['disbursement_id'],
      columns: {
        disbursement_id: 'text',
        grant_id: 'text',
        invoice_reference: 'text',
        invoice_date: 'text',
        invoice_amount: AMOUNT,
        paid: AMOUNT,
        currency: 'text',
        rule: 'text',
        disbursed_on: 'text',
        position: 'bigint',
        reversed_on: 'text',
        reversal_reason: 'text',
        reversal_position: 'bigint',
        replaced_by: 'text',
        replaces: 'text',
      },
    });
    const replacements = await Replacements.load(manager, events);
    const update = (grantId: string, position: bigint, values: Record<string, string | number | object | null>) => {
      for (const [column, value] of Object.entries(values)) grants.set([grantId], column, value);
      grants.set([grantId], 'last_position', position);
    };

    for (const { recorded, event } of events) {
      const position = recorded.position;
      switch (event.type) {
        case 'cofinancing.GrantRequested':
          grants.insert({
            grant_id: event.grantId,
            fund_id: event.fundId,
            window_id: event.windowId,
            beneficiary_id: event.beneficiaryId,
            status: 'requested',
            participation_year: event.participationYear,
            service_provider: event.serviceProvider,
            description: event.description,
            currency: event.eligibleCost.currency.code,
            eligible_cost: event.eligibleCost.toMinorString(),
            requested_on: event.requestedOn,
            requested_position: position,
            last_position: position,
          });
          break;
        case 'cofinancing.GrantApproved':
          update(event.grantId, position, {
            status: 'approved',
            approved_on: event.approvedOn,
            subsidy: event.subsidy.toMinorString(),
            own_share: event.ownShare.toMinorString(),
            rate_bp: event.rate.value,
            schedule_version: event.scheduleVersion,
            computation: {
              yearRule: event.computation.yearRule,
              rateBp: event.rate.value,
              rateSubsidy: event.computation.rateSubsidy.toJSON(),
              cap: event.computation.cap.toJSON(),
              capUsedBefore: event.computation.capUsedBefore.toJSON(),
              capLeft: event.computation.capLeft.toJSON(),
              limitedBy: event.computation.limitedBy,
              fundAvailableBefore: event.computation.fundAvailableBefore.toJSON(),
            },
          });
          break;
        case 'cofinancing.GrantRejected':
          update(event.grantId, position, { status: 'rejected', rejected_on: event.rejectedOn, reason: event.reason });
          break;
        case 'cofinancing.GrantDisbursed':
          disbursements.insert({
            disbursement_id: event.disbursementId,
            grant_id: event.grantId,
            invoice_reference: event.invoiceReference,
            invoice_date: event.invoiceDate,
            invoice_amount: event.invoiceAmount.toMinorString(),
            paid: event.paid.toMinorString(),
            currency: event.paid.currency.code,
            rule: event.rule,
            disbursed_on: event.disbursedOn,
            position,
            replaces: replacements.replacedBy(event.grantId, event.disbursementId),
          });
          replacements.inserted(event.grantId, event.disbursementId);
          update(event.grantId, position, {
            invoiced: event.invoicedTotal.toMinorString(),
            disbursed: event.disbursedTotal.toMinorString(),
          });
          break;
        case 'cofinancing.DisbursementReversed':
          if (replacements.reversed(event.grantId, event.disbursementId, event.replacedBy)) {
            disbursements.set([event.disbursementId], 'reversed_on', event.correctedOn);
            disbursements.set([event.disbursementId], 'reversal_reason', event.reason);
            disbursements.set([event.disbursementId], 'reversal_position', position);
            disbursements.set([event.disbursementId], 'replaced_by', event.replacedBy);
          }
          update(event.grantId, position, {
            invoiced: event.invoicedTotal.toMinorString(),
            disbursed: event.disbursedTotal.toMinorString(),
          });
          break;
        case 'cofinancing.GrantClosed':
          update(event.grantId, position, {
            status: 'closed',
            closed_on: event.closedOn,
            released: event.released.toMinorString(),
          });
          break;
        case 'cofinancing.GrantCancelled':
          update(event.grantId, position, {
            status: 'cancelled',
            cancelled_on: event.cancelledOn,
            reason: event.reason,
            released: event.released.toMinorString(),
          });
          break;
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
          break;
        default:
          assertNever(event);
      }
    }
    await grants.write(manager);
    await disbursements.write(manager);
  }
}

/**
 * Which disbursement of a grant was replaced by which, as the page goes: the grants' stored
 * disbursements, then what the page inserts and reverses.
 */
class Replacements {
  /** grant → disbursement → the disbursement that replaced it (null: none). */
  private readonly byGrant = new Map<string, Map<string, string | null>>();

  static async load(manager: EntityManager, events: ReturnType<typeof decodePage>): Promise<Replacements> {
    const replacements = new Replacements();
    const grants = new Set<string>();
    for (const { event } of events) {
      if (event.type === 'cofinancing.GrantDisbursed' || event.type === 'cofinancing.DisbursementReversed')
        grants.add(event.grantId);
    }
    if (grants.size === 0) return replacements;
    const rows: { grant_id: string; disbursement_id: string; replaced_by: string | null }[] = await manager.query(
      `SELECT grant_id, disbursement_id, replaced_by FROM cofinancing_disbursements WHERE grant_id = ANY($1::text[])`,
      [[...grants]],
    );
    for (const row of rows) replacements.of(row.grant_id).set(row.disbursement_id, row.replaced_by);
    return replacements;
  }

  /** The disbursement of the grant that `disbursementId` replaced, if any (more than one: refused, as SQL would). */
  replacedBy(grantId: string, disbursementId: string): string | null {
    const found = [...this.of(grantId)].filter(([, by]) => by === disbursementId).map(([id]) => id);
    if (found.length > 1) throw new Error(`more than one disbursement of ${grantId} replaced by ${disbursementId}`);
    return found[0] ?? null;
  }

  inserted(grantId: string, disbursementId: string): void {
    this.of(grantId).set(disbursementId, null);
  }

  /** Records a reversal; false when the grant has no such disbursement (the UPDATE finds no row). */
  reversed(grantId: string, disbursementId: string, replacedBy: string | null): boolean {
    const rows = this.of(grantId);
    if (!rows.has(disbursementId)) return false;
    rows.set(disbursementId, replacedBy);
    return true;
  }

  private of(grantId: string): Map<string, string | null> {
    let rows = this.byGrant.get(grantId);
    if (!rows) {
      rows = new Map();
      this.byGrant.set(grantId, rows);
    }
    return rows;
  }
}
