import { currencyOf, type Money } from '@ledger/money';
import { assertIsoDate, notBefore, type IsoDate } from '../calendar';
import {
  AmendmentNotAfterCurrent,
  AmountNotPositive,
  DonorAlreadyRegistered,
  DonorNotFound,
  FundAlreadyExists,
  WindowAlreadyOpen,
} from '../errors';
import {
  ContributionRecorded,
  DonorRegistered,
  FundCreated,
  WindowOpened,
  WindowScheduleAmended,
  type FundEvent,
} from './events';
import { validateScheduleTerms, type ScheduleTerms, type SupportKind } from './schedule';
import { assertFundCurrency, requireOpenFund, requireWindow, type FundState } from './state';

/** Commands: imperative, readonly data. Ids and dates come in with them; the domain has no clock. */

export interface CreateFund {
  readonly type: 'CreateFund';
  readonly fundId: string;
  readonly name: string;
  readonly currency: string;
  readonly createdOn: IsoDate;
}

export interface RegisterDonor {
  readonly type: 'RegisterDonor';
  readonly fundId: string;
  readonly donorId: string;
  readonly name: string;
  readonly registeredOn: IsoDate;
}

export interface RecordContribution {
  readonly type: 'RecordContribution';
  readonly fundId: string;
  readonly contributionId: string;
  readonly donorId: string;
  readonly amount: Money;
  readonly receivedOn: IsoDate;
  readonly reference: string;
}

export interface OpenWindow {
  readonly type: 'OpenWindow';
  readonly fundId: string;
  readonly windowId: string;
  readonly name: string;
  readonly supportKind: SupportKind;
  readonly openedOn: IsoDate;
  readonly schedule: ScheduleTerms;
}

export interface AmendSchedule {
  readonly type: 'AmendSchedule';
  readonly fundId: string;
  readonly windowId: string;
  readonly amendedOn: IsoDate;
  readonly schedule: ScheduleTerms;
}

export type FundCommand = CreateFund | RegisterDonor | RecordContribution | OpenWindow | AmendSchedule;

// ---- decisions ------------------------------------------------------------------------------

export function createFund(command: CreateFund, state: FundState): FundEvent[] {
  if (state.status !== 'none') throw new FundAlreadyExists(command.fundId);
  const currency = currencyOf(command.currency).code;
  return [
    FundCreated.create({
      fundId: command.fundId,
      name: command.name,
      currency,
      createdOn: assertIsoDate(command.createdOn, 'createdOn'),
    }),
  ];
}

export function registerDonor(command: RegisterDonor, state: FundState): FundEvent[] {
  const fund = requireOpenFund(state, command.fundId);
  if (fund.donors[command.donorId]) throw new DonorAlreadyRegistered(command.donorId);
  assertIsoDate(command.registeredOn, 'registeredOn');
  notBefore('registeredOn', command.registeredOn, fund.createdOn, 'fund.createdOn');
  return [
    DonorRegistered.create({
      fundId: fund.fundId,
      donorId: command.donorId,
      name: command.name,
      registeredOn: assertIsoDate(command.registeredOn, 'registeredOn'),
    }),
  ];
}

export function recordContribution(command: RecordContribution, state: FundState): FundEvent[] {
  const fund = requireOpenFund(state, command.fundId);
  const donor = fund.donors[command.donorId];
  if (!donor) throw new DonorNotFound(fund.fundId, command.donorId);
  assertFundCurrency(fund, command.amount, 'amount.currency');
  if (!command.amount.isPositive()) throw new AmountNotPositive('amount', command.amount);
  assertIsoDate(command.receivedOn, 'receivedOn');
  notBefore('receivedOn', command.receivedOn, fund.createdOn, 'fund.createdOn');
  notBefore('receivedOn', command.receivedOn, donor.registeredOn, 'donor.registeredOn');
  return [
    ContributionRecorded.create({
      fundId: fund.fundId,
      contributionId: command.contributionId,
      donorId: command.donorId,
      amount: command.amount,
      receivedOn: assertIsoDate(command.receivedOn, 'receivedOn'),
      reference: command.reference,
    }),
  ];
}

export function openWindow(command: OpenWindow, state: FundState): FundEvent[] {
  const fund = requireOpenFund(state, command.fundId);
  if (fund.windows[command.windowId]) throw new WindowAlreadyOpen(command.windowId);
  assertIsoDate(command.schedule.effectiveFrom, 'schedule.effectiveFrom');
  validateScheduleTerms(command.schedule, fund.currency);
  assertIsoDate(command.openedOn, 'openedOn');
  notBefore('openedOn', command.openedOn, fund.createdOn, 'fund.createdOn');
  return [
    WindowOpened.create({
      fundId: fund.fundId,
      windowId: command.windowId,
      name: command.name,
      supportKind: command.supportKind,
      openedOn: assertIsoDate(command.openedOn, 'openedOn'),
      schedule: { ...command.schedule, version: 1 },
    }),
  ];
}

/**
 * A schedule changes only by an amendment effective from a date later than the current
 * version's; grants already approved keep the rate and version their approval recorded.
 */
export function amendSchedule(command: AmendSchedule, state: FundState): FundEvent[] {
  const fund = requireOpenFund(state, command.fundId);
  const window = requireWindow(fund, command.windowId);
  assertIsoDate(command.schedule.effectiveFrom, 'schedule.effectiveFrom');
  validateScheduleTerms(command.schedule, fund.currency);
  const current = window.schedules[window.schedules.length - 1];
  if (command.schedule.effectiveFrom <= current.effectiveFrom) {
    throw new AmendmentNotAfterCurrent(command.schedule.effectiveFrom, current.effectiveFrom);
  }
  assertIsoDate(command.amendedOn, 'amendedOn');
  notBefore('amendedOn', command.amendedOn, window.openedOn, 'window.openedOn');
  return [
    WindowScheduleAmended.create({
      fundId: fund.fundId,
      windowId: window.windowId,
      amendedOn: assertIsoDate(command.amendedOn, 'amendedOn'),
      schedule: { ...command.schedule, version: current.version + 1 },
    }),
  ];
}
