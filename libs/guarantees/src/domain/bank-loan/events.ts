import { defineEvent, field, type EventOf } from '@ledger/kernel';
import {
  BankLoanReservationReleased,
  BankLoanReserved,
  type BankLoanReservationReleased as BankLoanReservationReleasedEvent,
  type BankLoanReserved as BankLoanReservedEvent,
} from '../four-eyes.events';

// The bank loan stream: one guarantee per loan of a bank.

export const BankLoanGuaranteed = defineEvent('guarantees.BankLoanGuaranteed', {
  bankId: field.string(),
  loanReference: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
});

export type BankLoanEvent =
  EventOf<typeof BankLoanGuaranteed> | BankLoanReservedEvent | BankLoanReservationReleasedEvent;

export const bankLoanEvents = [BankLoanGuaranteed, BankLoanReserved, BankLoanReservationReleased] as const;
