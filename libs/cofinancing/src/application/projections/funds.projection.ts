import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { assertNever } from '@ledger/event-sourcing';
import type { ScheduleVersion } from '../../domain';
import { decodeCofinancing } from './decode';

function scheduleJson(schedule: ScheduleVersion) {
  return {
    years: JSON.stringify(schedule.years.map((year) => ({ rateBp: year.rate.value, cap: year.cap.toJSON() }))),
    afterLastYear: JSON.stringify({
      rule: schedule.afterLastYear.rule,
      rateBp: schedule.afterLastYear.rate?.value ?? null,
      cap: schedule.afterLastYear.cap?.toJSON() ?? null,
    }),
  };
}

/**
 * Fund balances, per window and per donor, and the contributions list. committed = approved
 * subsidies not yet released; available = contributed − committed (computed when read).
 */
export class CofinancingFundsProjection implements Projection {
  readonly name = 'cofinancing.funds';
  readonly tables = [
    'cofinancing_funds',
    'cofinancing_donors',
    'cofinancing_contributions',
    'cofinancing_windows',
    'cofinancing_window_schedules',
  ];

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    const event = decodeCofinancing(recorded);
    if (!event) return;
    switch (event.type) {
      case 'cofinancing.FundCreated':
        await manager.query(
          `INSERT INTO cofinancing_funds (fund_id, name, currency, created_on) VALUES ($1, $2, $3, $4)
           ON CONFLICT (fund_id) DO NOTHING`,
          [event.fundId, event.name, event.currency, event.createdOn],
        );
        return;
      case 'cofinancing.DonorRegistered':
        await manager.query(
          `INSERT INTO cofinancing_donors (fund_id, donor_id, name, registered_on, currency)
           SELECT $1, $2, $3, $4, currency FROM cofinancing_funds WHERE fund_id = $1
           ON CONFLICT (fund_id, donor_id) DO NOTHING`,
          [event.fundId, event.donorId, event.name, event.registeredOn],
        );
        return;
      case 'cofinancing.ContributionRecorded':
        await manager.query(
          `INSERT INTO cofinancing_contributions
             (contribution_id, fund_id, donor_id, amount, currency, received_on, reference, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            event.contributionId,
            event.fundId,
            event.donorId,
            event.amount.toMinorString(),
            event.amount.currency.code,
            event.receivedOn,
            event.reference,
            recorded.position.toString(),
          ],
        );
        await manager.query('UPDATE cofinancing_funds SET contributed = contributed + $2::numeric WHERE fund_id = $1', [
          event.fundId,
          event.amount.toMinorString(),
        ]);
        await manager.query(
          `UPDATE cofinancing_donors SET contributed = contributed + $3::numeric, contributions = contributions + 1
            WHERE fund_id = $1 AND donor_id = $2`,
          [event.fundId, event.donorId, event.amount.toMinorString()],
        );
        return;
      case 'cofinancing.WindowOpened': {
        await manager.query(
          `INSERT INTO cofinancing_windows (window_id, fund_id, name, support_kind, opened_on, currency, current_version)
           SELECT $1, $2, $3, $4, $5, currency, $6 FROM cofinancing_funds WHERE fund_id = $2`,
          [event.windowId, event.fundId, event.name, event.supportKind, event.openedOn, event.schedule.version],
        );
        const json = scheduleJson(event.schedule);
        await manager.query(
          `INSERT INTO cofinancing_window_schedules (window_id, version, effective_from, recorded_on, years, after_last_year)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
          [
            event.windowId,
            event.schedule.version,
            event.schedule.effectiveFrom,
            event.openedOn,
            json.years,
            json.afterLastYear,
          ],
        );
        return;
      }
      case 'cofinancing.WindowScheduleAmended': {
        const json = scheduleJson(event.schedule);
        await manager.query(
          `INSERT INTO cofinancing_window_schedules (window_id, version, effective_from, recorded_on, years, after_last_year)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
          [
            event.windowId,
            event.schedule.version,
            event.schedule.effectiveFrom,
            event.amendedOn,
            json.years,
            json.afterLastYear,
          ],
        );
        await manager.query('UPDATE cofinancing_windows SET current_version = $2 WHERE window_id = $1', [
          event.windowId,
          event.schedule.version,
        ]);
        return;
      }
      case 'cofinancing.FundsCommitted':
        await this.add(manager, event.fundId, event.windowId, 'committed', event.amount.toMinorString(), 1);
        return;
      case 'cofinancing.CommitmentReleased': {
        const released = event.amount.toMinorString();
        await this.add(manager, event.fundId, event.windowId, 'committed', `-${released}`, 0);
        await this.add(manager, event.fundId, event.windowId, 'released', released, 0);
        return;
      }
      case 'cofinancing.GrantDisbursed':
        await this.add(manager, event.fundId, event.windowId, 'disbursed', event.paid.toMinorString(), 0);
        return;
      case 'cofinancing.DisbursementReversed':
        await this.add(manager, event.fundId, event.windowId, 'disbursed', `-${event.paid.toMinorString()}`, 0);
        return;
      case 'cofinancing.BeneficiaryEnrolled':
      case 'cofinancing.MemberFirmAdded':
      case 'cofinancing.CapAllocated':
      case 'cofinancing.CapReleased':
      case 'cofinancing.GrantRequested':
      case 'cofinancing.GrantApproved':
      case 'cofinancing.GrantRejected':
      case 'cofinancing.GrantClosed':
      case 'cofinancing.GrantCancelled':
        return;
      default:
        assertNever(event);
    }
  }

  private async add(
    manager: EntityManager,
    fundId: string,
    windowId: string,
    column: 'committed' | 'disbursed' | 'released',
    amountMinor: string,
    approvals: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE cofinancing_funds SET ${column} = ${column} + $2::numeric, grants_approved = grants_approved + $3
        WHERE fund_id = $1`,
      [fundId, amountMinor, approvals],
    );
    await manager.query(
      `UPDATE cofinancing_windows SET ${column} = ${column} + $2::numeric, grants_approved = grants_approved + $3
        WHERE window_id = $1`,
      [windowId, amountMinor, approvals],
    );
  }
}
