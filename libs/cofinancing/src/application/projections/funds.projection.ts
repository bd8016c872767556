import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { assertNever } from '@ledger/event-sourcing';
import type { ScheduleVersion } from '../../domain';
import { decodePage, TableFold } from './table-fold';

const AMOUNTS = ['contributed', 'committed', 'disbursed', 'released'] as const;

/**
 * Fund balances, per window and per donor, and the contributions list. committed = approved
 * subsidies not yet released; available = contributed − committed (computed when read).
 *
 * A page is folded in memory (see TableFold) and written with about two statements per table; a
 * donor or a window takes its fund's currency as it is at that point of the page.
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

  apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    return this.applyBatch([recorded], manager);
  }

  async applyBatch(page: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const events = decodePage(page);
    if (events.length === 0) return;
    const funds = new TableFold({
      table: 'cofinancing_funds',
      key: ['fund_id'],
      columns: {
        fund_id: 'text',
        name: 'text',
        currency: 'text',
        created_on: 'text',
        ...Object.fromEntries(AMOUNTS.map((column) => [column, 'numeric' as const])),
        grants_approved: 'integer',
      },
      counters: [...AMOUNTS, 'grants_approved'],
      onConflict: 'ignore',
    });
    const donors = new TableFold({
      table: 'cofinancing_donors',
      key: ['fund_id', 'donor_id'],
      columns: {
        fund_id: 'text',
        donor_id: 'text',
        name: 'text',
        registered_on: 'text',
        currency: 'text',
        contributed: 'numeric',
        contributions: 'integer',
      },
      counters: ['contributed', 'contributions'],
      onConflict: 'ignore',
    });
    const contributions = new TableFold({
      table: 'cofinancing_contributions',
      key: ['contribution_id'],
      columns: {
        contribution_id: 'text',
        fund_id: 'text',
        donor_id: 'text',
        amount: 'numeric',
        currency: 'text',
        received_on: 'text',
        reference: 'text',
        position: 'bigint',
      },
    });
    const windows = new TableFold({
      table: 'cofinancing_windows',
      key: ['window_id'],
      columns: {
        window_id: 'text',
        fund_id: 'text',
        name: 'text',
        support_kind: 'text',
        opened_on: 'text',
        currency: 'text',
        current_version: 'integer',
        committed: 'numeric',
        disbursed: 'numeric',
        released: 'numeric',
        grants_approved: 'integer',
      },
      counters: ['committed', 'disbursed', 'released', 'grants_approved'],
    });
    const schedules = new TableFold({
      table: 'cofinancing_window_schedules',
      key: ['window_id', 'version'],
      columns: {
        window_id: 'text',
        version: 'integer',
        effective_from: 'text',
        recorded_on: 'text',
        years: 'jsonb',
        after_last_year: 'jsonb',
      },
    });

    // What the page's inserts read or may collide with: the funds (their currency) and the donors already stored.
    const currencies = await this.storedFunds(manager, events, funds);
    await this.storedDonors(manager, events, donors);
    const currencyOf = (fundId: string): string | undefined =>
      currencies.get(fundId) ?? (funds.insertedRow([fundId])?.currency as string | undefined);
    const add = (fundId: string, windowId: string, column: (typeof AMOUNTS)[number], delta: bigint, approvals = 0n) => {
      funds.add([fundId], column, delta);
      windows.add([windowId], column, delta);
      if (approvals !== 0n) {
        funds.add([fundId], 'grants_approved', approvals);
        windows.add([windowId], 'grants_approved', approvals);
      }
    };

    for (const { recorded, event } of events) {
      switch (event.type) {
        case 'cofinancing.FundCreated':
          funds.insert({
            fund_id: event.fundId,
            name: event.name,
            currency: event.currency,
            created_on: event.createdOn,
          });
          break;
        case 'cofinancing.DonorRegistered': {
          const currency = currencyOf(event.fundId);
          if (currency === undefined) break; // no fund: nothing, as the INSERT … SELECT from it
          donors.insert({
            fund_id: event.fundId,
            donor_id: event.donorId,
            name: event.name,
            registered_on: event.registeredOn,
            currency,
          });
          break;
        }
        case 'cofinancing.ContributionRecorded':
          contributions.insert({
            contribution_id: event.contributionId,
            fund_id: event.fundId,
            donor_id: event.donorId,
            amount: event.amount.toMinorString(),
            currency: event.amount.currency.code,
            received_on: event.receivedOn,
            reference: event.reference,
            position: recorded.position,
          });
          funds.add([event.fundId], 'contributed', event.amount.amountMinor);
          donors.add([event.fundId, event.donorId], 'contributed', event.amount.amountMinor);
          donors.add([event.fundId, event.donorId], 'contributions', 1n);
          break;
        case 'cofinancing.WindowOpened': {
          const currency = currencyOf(event.fundId);
          if (currency !== undefined) {
            windows.insert({
              window_id: event.windowId,
              fund_id: event.fundId,
              name: event.name,
              support_kind: event.supportKind,
              opened_on: event.openedOn,
              currency,
              current_version: event.schedule.version,
            });
          }
          schedules.insert(scheduleRow(event.windowId, event.schedule, event.openedOn));
          break;
        }
        case 'cofinancing.WindowScheduleAmended':
          schedules.insert(scheduleRow(event.windowId, event.schedule, event.amendedOn));
          windows.set([event.windowId], 'current_version', event.schedule.version);
          break;
        case 'cofinancing.FundsCommitted':
          add(event.fundId, event.windowId, 'committed', event.amount.amountMinor, 1n);
          break;
        case 'cofinancing.CommitmentReleased':
          add(event.fundId, event.windowId, 'committed', -event.amount.amountMinor);
          add(event.fundId, event.windowId, 'released', event.amount.amountMinor);
          break;
        case 'cofinancing.GrantDisbursed':
          add(event.fundId, event.windowId, 'disbursed', event.paid.amountMinor);
          break;
        case 'cofinancing.DisbursementReversed':
          add(event.fundId, event.windowId, 'disbursed', -event.paid.amountMinor);
          break;
        case 'cofinancing.BeneficiaryEnrolled':
        case 'cofinancing.MemberFirmAdded':
        case 'cofinancing.CapAllocated':
        case 'cofinancing.CapReleased':
        case 'cofinancing.GrantRequested':
        case 'cofinancing.GrantApproved':
        case 'cofinancing.GrantRejected':
        case 'cofinancing.GrantClosed':
        case 'cofinancing.GrantCancelled':
          break;
        default:
          assertNever(event);
      }
    }
    for (const table of [funds, donors, contributions, windows, schedules]) await table.write(manager);
  }

  /** The stored funds the page creates again or reads the currency of (their currency). */
  private async storedFunds(
    manager: EntityManager,
    events: ReturnType<typeof decodePage>,
    funds: TableFold,
  ): Promise<Map<string, string>> {
    const ids = new Set<string>();
    for (const { event } of events) {
      if (
        event.type === 'cofinancing.FundCreated' ||
        event.type === 'cofinancing.DonorRegistered' ||
        event.type === 'cofinancing.WindowOpened'
      )
        ids.add(event.fundId);
    }
    if (ids.size === 0) return new Map();
    const rows: { fund_id: string; currency: string }[] = await manager.query(
      'SELECT fund_id, currency FROM cofinancing_funds WHERE fund_id = ANY($1::text[])',
      [[...ids]],
    );
    funds.stored(rows.map((row) => [row.fund_id]));
    return new Map(rows.map((row) => [row.fund_id, row.currency]));
  }

  /** The stored donors the page registers again. */
  private async storedDonors(
    manager: EntityManager,
    events: ReturnType<typeof decodePage>,
    donors: TableFold,
  ): Promise<void> {
    const keys = events.flatMap(({ event }) =>
      event.type === 'cofinancing.DonorRegistered' ? [[event.fundId, event.donorId]] : [],
    );
    if (keys.length === 0) return;
    const rows: { fund_id: string; donor_id: string }[] = await manager.query(
      `SELECT d.fund_id, d.donor_id FROM cofinancing_donors d
         JOIN unnest($1::text[], $2::text[]) AS k(fund_id, donor_id) USING (fund_id, donor_id)`,
      [keys.map((k) => k[0]), keys.map((k) => k[1])],
    );
    donors.stored(rows.map((row) => [row.fund_id, row.donor_id]));
  }
}

function scheduleRow(windowId: string, schedule: ScheduleVersion, recordedOn: string) {
  return {
    window_id: windowId,
    version: schedule.version,
    effective_from: schedule.effectiveFrom,
    recorded_on: recordedOn,
    years: schedule.years.map((year) => ({ rateBp: year.rate.value, cap: year.cap.toJSON() })),
    after_last_year: {
      rule: schedule.afterLastYear.rule,
      rateBp: schedule.afterLastYear.rate?.value ?? null,
      cap: schedule.afterLastYear.cap?.toJSON() ?? null,
    },
  };
}
