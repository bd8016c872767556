import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext } from 'react-hook-form';
import { ApiError } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';

/**
 * What the auditor's screens share: the shapes the audit API answers, the translation of the
 * API's refusals of a date or an instant (put next to the field they name), and small fields.
 */

/** An event of the log, as `GET /audit/events` answers it. */
export interface AuditEvent {
  readonly position: string;
  readonly streamId: string;
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly businessTime: string;
  readonly recordedAt: string;
  readonly actor: string | null;
  readonly role: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  readonly hash: string | null;
  readonly data: Record<string, unknown>;
}

export interface AuditEventPage {
  readonly items: AuditEvent[];
  readonly nextCursor?: string;
  readonly nextAfter: string;
  readonly hasMore: boolean;
  readonly headPosition: string;
}

/** The families of streams the log holds (a stream id starts with one of these). */
export const STREAM_PREFIXES = ['cofinancing-', 'guarantees.', 'ledger-proposal-', 'ledger-command-'] as const;

export const isMoney = (value: unknown): value is MoneyJson =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as MoneyJson).amountMinor === 'string' &&
  typeof (value as MoneyJson).currency === 'string';

/** Today, UTC, as a business date. */
export const today = () => new Date().toISOString().slice(0, 10);

/** An ISO instant → the value of an `<input type="datetime-local">` in the browser's time zone, to the second. */
export function instantToLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** The value of an `<input type="datetime-local">` (browser's time zone) → an ISO instant (UTC), or null. */
export function localInputToInstant(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * The API's refusal of one of `fields` (a date out of the ledger's window, a malformed date or
 * instant…), in the user's language, or null when the refusal names none of them.
 */
export function useFieldRefusal() {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const reasonText = (reason: string): string => {
    const range = /must be from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(reason);
    if (range) return t('refusal.outOfRange', { earliest: format.date(range[1]), latest: format.date(range[2]) });
    if (/must be a date YYYY-MM-DD/.test(reason)) return t('refusal.dateFormat');
    if (/real calendar date/.test(reason)) return t('refusal.notADay');
    if (/instant/.test(reason)) return t('refusal.instant');
    if (/must not be before/.test(reason)) return t('refusal.beforeStart');
    if (/must be an event type/.test(reason)) return t('refusal.eventType');
    if (/global position/.test(reason)) return t('refusal.position');
    return t('refusal.other', { reason });
  };
  return (error: unknown, fields: readonly string[]): { field: string; message: string } | null => {
    if (!(error instanceof ApiError)) return null;
    for (const field of fields) {
      if (error.code === 'business-date-out-of-range' && error.details.field === field) {
        return {
          field,
          message: t('refusal.outOfRange', {
            earliest: format.date(String(error.details.earliest)),
            latest: format.date(String(error.details.latest)),
          }),
        };
      }
      const reasons = error.forField(field);
      if (reasons.length) return { field, message: reasons.map(reasonText).join(' ') };
    }
    return null;
  };
}

/** The event types the ledger writes, offered as suggestions in the type filters. */
export const EVENT_TYPES: readonly string[] = [
  'cofinancing.ApprovalProposed',
  'cofinancing.BeneficiaryEnrolled',
  'cofinancing.CapAllocated',
  'cofinancing.CapReleased',
  'cofinancing.CapReservationReleased',
  'cofinancing.CapReserved',
  'cofinancing.CommitmentReleased',
  'cofinancing.ContributionRecorded',
  'cofinancing.CorrectionProposed',
  'cofinancing.DisbursementProposed',
  'cofinancing.DisbursementReversed',
  'cofinancing.DonorRegistered',
  'cofinancing.FundApprovalPolicySet',
  'cofinancing.FundCreated',
  'cofinancing.FundReservationReleased',
  'cofinancing.FundsCommitted',
  'cofinancing.FundsReserved',
  'cofinancing.GrantApprovalProposalSettled',
  'cofinancing.GrantApprovalProposed',
  'cofinancing.GrantApproved',
  'cofinancing.GrantCancelled',
  'cofinancing.GrantClosed',
  'cofinancing.GrantCommitmentReservationReleased',
  'cofinancing.GrantCommitmentReserved',
  'cofinancing.GrantDisbursed',
  'cofinancing.GrantRejected',
  'cofinancing.GrantRequested',
  'cofinancing.MemberFirmAdded',
  'cofinancing.ProposalConfirmed',
  'cofinancing.ProposalDeclined',
  'cofinancing.ProposalExpired',
  'cofinancing.WindowOpened',
  'cofinancing.WindowScheduleAmended',
  'guarantees.ApprovalProposed',
  'guarantees.BankConventionAmended',
  'guarantees.BankConventionSigned',
  'guarantees.BankConventionTerminated',
  'guarantees.BankLoanGuaranteed',
  'guarantees.BankLoanReservationReleased',
  'guarantees.BankLoanReserved',
  'guarantees.CapitalPaid',
  'guarantees.CapitalSubscribed',
  'guarantees.ClaimPaidFromFund',
  'guarantees.CompanyAffiliated',
  'guarantees.CompanyApprovalPolicySet',
  'guarantees.CompanyConventionSigned',
  'guarantees.CompanyRegistered',
  'guarantees.CompanyReservationMade',
  'guarantees.CompanyReservationReleased',
  'guarantees.ConventionExposureAdded',
  'guarantees.ConventionExposureReduced',
  'guarantees.ConventionExposureReserved',
  'guarantees.ConventionExposureRestored',
  'guarantees.ConventionReservationReleased',
  'guarantees.FederationRegistered',
  'guarantees.GuaranteeCalled',
  'guarantees.GuaranteeClaimPaid',
  'guarantees.GuaranteeFundDepositReversed',
  'guarantees.GuaranteeFundDeposited',
  'guarantees.GuaranteeFundWithdrawn',
  'guarantees.GuaranteeIssued',
  'guarantees.GuaranteeRecoveryRecorded',
  'guarantees.GuaranteeReleased',
  'guarantees.LoanRepaymentRecorded',
  'guarantees.LoanRepaymentReversed',
  'guarantees.MemberAdmitted',
  'guarantees.MemberLeft',
  'guarantees.MemberLoanDefaulted',
  'guarantees.MemberLoanGuaranteed',
  'guarantees.MemberLoanRepaid',
  'guarantees.ProposalDeclined',
  'guarantees.RecoveryReturnedToFund',
  'guarantees.RepaymentReversalProposalSettled',
  'guarantees.RepaymentReversalProposed',
  'ledger.CommandRecorded',
  'ledger.PolicyChangeProposed',
  'ledger.PolicyChangeSettled',
  'ledger.ProposalConfirmed',
  'ledger.ProposalDeclined',
  'ledger.ProposalExpired',
  'ledger.ProposalRecorded',
];

/** An instant to the second, in the browser's time zone (`<input type="datetime-local">`), in a react-hook-form form. */
export function InstantField(props: { name: string; label: string; hint?: ReactNode }) {
  return <InputField {...props} type="datetime-local" step={1} />;
}

/** An event type, with the ledger's types as suggestions. */
export function EventTypeField(props: { name: string; label: string }) {
  const id = useId();
  return (
    <>
      <InputField {...props} type="text" list={`${id}-types`} placeholder="cofinancing.GrantApproved" />
      <datalist id={`${id}-types`}>
        {EVENT_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
    </>
  );
}

/** An input of a react-hook-form form, with the console's field markup (label, hint, error next to it). */
function InputField(props: {
  name: string;
  label: string;
  hint?: ReactNode;
  type: 'text' | 'datetime-local';
  step?: number;
  list?: string;
  placeholder?: string;
}) {
  const { register, formState } = useFormContext();
  const id = useId();
  const message = (formState.errors[props.name] as { message?: string } | undefined)?.message;
  const describedBy = [message ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type}
        step={props.step}
        list={props.list}
        placeholder={props.placeholder}
        autoComplete="off"
        {...register(props.name)}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint ? (
        <div id={`${id}-hint`} className="hint">
          {props.hint}
        </div>
      ) : null}
      {message ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A decimal the API writes with a point ("2.9411"), with the user's locale's decimal mark ("2,9411"). */
export function useDecimal() {
  const format = useFormat();
  const mark =
    new Intl.NumberFormat(format.locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return (decimal: string | null | undefined) => (decimal ? decimal.replace('.', mark) : '—');
}
