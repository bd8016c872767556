import { useState, type ReactNode } from 'react';
import { api, ApiError, q } from '../api';
import { formatMoney, type MoneyJson } from '../money';
import { Card, CommandForm, Field, Loading, MoneyCell, Problem, Stat, today, useLoad } from '../ui';

/**
 * Four-eyes in the fund manager's console: the fund's approval policy, the proposals waiting for
 * a second fund manager (confirm, decline), and the "waiting" notice a command shows when the API
 * answers 202 with a proposal instead of doing it. Proposals are shown generically — whatever
 * their action (grant approval, disbursement, reversal…): action, what they reserve, who proposed
 * them, their deadline and status.
 */

export interface FundRef {
  readonly fundId: string;
  readonly name: string;
  readonly currency: string;
}

/** A command's 202 answer: nothing done yet, a proposal waits for a second fund manager. */
export interface PendingAnswer {
  readonly proposalId: string;
  readonly status: 'pending';
  readonly expiresAt: string;
  readonly reserved?: MoneyJson | null;
  readonly threshold?: MoneyJson | null;
  readonly action?: string;
  readonly grantId?: string;
}

export function isPendingAnswer(result: unknown): result is PendingAnswer {
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as { proposalId?: unknown }).proposalId === 'string' &&
    (result as { status?: unknown }).status === 'pending'
  );
}

/** A proposal as `GET /proposals` lists it, whatever its context and action. */
export interface Proposal {
  readonly proposalId: string;
  readonly context: string;
  readonly action: string;
  /** What it acts on: for a co-financing one, its fundId, grantId, beneficiaryId (and disbursementId). */
  readonly subjects: Readonly<Record<string, string | number>>;
  readonly reserved?: MoneyJson | null;
  readonly threshold?: MoneyJson | null;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly expiresAt: string;
  readonly status: string;
  readonly settledBy?: string | null;
  readonly settledAt?: string | null;
  readonly reason?: string | null;
}

const ACTION_NAMES: Readonly<Record<string, string>> = {
  'approve-grant': 'Grant approval',
  'disburse-grant': 'Disbursement',
  'reverse-disbursement': 'Disbursement reversal',
  'set-approval-policy': 'Policy change',
};

/** "approve-grant" → "Grant approval"; an action this console does not know yet is shown as it is. */
export const actionName = (action: string | undefined): string =>
  action ? (ACTION_NAMES[action] ?? action) : 'Proposal';

/** An instant as "2026-03-04 09:00 UTC" (the deadline is the same for everyone, wherever they are). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** What a command shows instead of its result when it was only proposed (202). */
export function PendingNotice(props: { answer: PendingAnswer; what: ReactNode }) {
  const { answer } = props;
  return (
    <div role="status" className="outcome pending" aria-label="Waiting for a second fund manager">
      <p>
        <strong>Waiting for a second fund manager</strong>: {props.what} is proposed, not done. Another fund manager
        must confirm it before its deadline; until then its amount is reserved.
      </p>
      <dl className="stats">
        <Stat label="Proposal" value={<code>{answer.proposalId}</code>} />
        {answer.action ? <Stat label="Action" value={actionName(answer.action)} /> : null}
        <Stat label="Reserved" value={formatMoney(answer.reserved)} />
        {answer.threshold ? <Stat label="Threshold" value={formatMoney(answer.threshold)} /> : null}
        <Stat label="Deadline" value={formatInstant(answer.expiresAt)} />
      </dl>
    </div>
  );
}

/** The fund's four-eyes policy. The API has no read of it: the form sets (replaces) it. */
export function ApprovalPolicyCard({ fund }: { fund: FundRef }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  // A change that loosens the policy is only proposed (202): shown as pending, never as done.
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  return (
    <Card title={`Approval policy of ${fund.name}`}>
      <p>
        Above a threshold, a command is only proposed and a second fund manager must confirm it. Setting the policy
        replaces the previous one; an empty threshold means never. A change that loosens it (a higher or no threshold,
        corrections without a second person, a longer deadline) is itself only proposed: another fund manager or an
        admin must confirm it.
      </p>
      <CommandForm
        key={fund.fundId}
        title="Approval policy"
        submit="Set policy"
        fields={[
          {
            name: 'approveGrantAbove',
            label: 'Grant approvals above (subsidy)',
            kind: 'money',
            currency: fund.currency,
            optional: true,
          },
          { name: 'proposalTtlHours', label: 'Proposal deadline (hours)', initial: '48' },
          {
            name: 'disburseAbove',
            label: 'Disbursements above (optional)',
            kind: 'money',
            currency: fund.currency,
            optional: true,
          },
          {
            name: 'correctionsNeedSecondPerson',
            label: 'Corrections need a second person (optional)',
            kind: 'select',
            options: [
              { value: '', label: 'not set' },
              { value: 'true', label: 'yes' },
              { value: 'false', label: 'no' },
            ],
          },
          { name: 'setOn', label: 'Set on', kind: 'date', initial: today() },
        ]}
        send={async (v, money) => {
          const ttl = v.proposalTtlHours.trim();
          const answer = await api.put<PendingAnswer | { changed?: boolean }>(
            `/cofinancing/funds/${fund.fundId}/approval-policy`,
            {
              ...(money.approveGrantAbove ? { approveGrantAbove: money.approveGrantAbove } : {}),
              // A whole number goes as a number; anything else as typed, for the API to refuse next to the field.
              proposalTtlHours: /^\d+$/.test(ttl) ? Number(ttl) : ttl,
              ...(money.disburseAbove ? { disburseAbove: money.disburseAbove } : {}),
              ...(v.correctionsNeedSecondPerson
                ? { correctionsNeedSecondPerson: v.correctionsNeedSecondPerson === 'true' }
                : {}),
              setOn: v.setOn,
            },
          );
          return { v, money, answer };
        }}
        onDone={(sent) => {
          const { v, money, answer } = sent as {
            v: Record<string, string>;
            money: Record<string, MoneyJson>;
            answer: unknown;
          };
          if (isPendingAnswer(answer)) {
            setOutcome(null);
            setPending(answer);
            return;
          }
          setPending(null);
          if ((answer as { changed?: boolean }).changed === false) {
            setOutcome('This is already the policy in force: nothing changed.');
            return;
          }
          const extra = [
            money.disburseAbove ? `disbursements above ${formatMoney(money.disburseAbove)}` : null,
            v.correctionsNeedSecondPerson === 'true' ? 'every correction' : null,
          ].filter((x) => x !== null);
          setOutcome(
            `Policy set on ${v.setOn}: grant approvals ` +
              (money.approveGrantAbove ? `above ${formatMoney(money.approveGrantAbove)}` : 'never') +
              (extra.length ? `, ${extra.join(', ')}` : '') +
              ` need a second fund manager; proposals wait ${v.proposalTtlHours.trim()} hours.`,
          );
        }}
      />
      {outcome ? (
        <p role="status" className="outcome">
          {outcome}
        </p>
      ) : null}
      {pending ? (
        <div role="status" className="outcome pending" aria-label="Proposal pending confirmation">
          <p>
            <strong>Proposal pending confirmation</strong>: this change loosens the approval policy, so it is only
            proposed. Another fund manager or an admin must confirm it by {formatInstant(pending.expiresAt)}; until then
            the policy in force stays as it was.
          </p>
          <dl className="stats">
            <Stat label="Proposal" value={<code>{pending.proposalId}</code>} />
            <Stat label="Deadline" value={formatInstant(pending.expiresAt)} />
          </dl>
        </div>
      ) : null}
    </Card>
  );
}

const STATUSES = ['pending', 'confirmed', 'declined', 'expired', ''] as const;

/** Proposals of the fund (pending by default): refresh, confirm, decline with a reason. */
export function ProposalsCard(props: {
  fund: FundRef;
  version: number;
  grantName: (grantId: string) => string;
  onChange: () => void;
}) {
  const { fund } = props;
  const [status, setStatus] = useState<string>('pending');
  const proposals = useLoad(
    () => api.all<Proposal>(`/proposals${q({ context: 'cofinancing', status, subject: `fundId:${fund.fundId}` })}`),
    [fund.fundId, status, props.version],
  );
  const [outcome, setOutcome] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [declining, setDeclining] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const items = proposals.data?.items ?? [];
  const grantOf = (p: Proposal) => (typeof p.subjects.grantId === 'string' ? p.subjects.grantId : null);
  const subject = (p: Proposal) => {
    const grantId = grantOf(p);
    if (grantId) return `“${props.grantName(grantId)}”`;
    return p.action === 'set-approval-policy' ? `the approval policy of ${fund.name}` : p.proposalId;
  };

  const settled = (message: string) => {
    setOutcome(message);
    setActionError(null);
    setDeclining(null);
    props.onChange(); // re-reads the proposals (and the fund) through `version`
  };
  const confirm = async (p: Proposal) => {
    setBusy(p.proposalId);
    setOutcome(null);
    setActionError(null);
    try {
      const result = await api.post<{
        subsidy?: MoneyJson;
        disbursement?: { paid?: MoneyJson };
        correction?: { reversed?: MoneyJson };
      }>(`/proposals/${p.proposalId}/confirmation`, {});
      const figure = result.subsidy
        ? `: subsidy ${formatMoney(result.subsidy)}`
        : result.disbursement?.paid
          ? `: paid ${formatMoney(result.disbursement.paid)}`
          : result.correction?.reversed
            ? `: reversed ${formatMoney(result.correction.reversed)}`
            : '';
      settled(`Confirmed: ${actionName(p.action).toLowerCase()} of ${subject(p)} done${figure}.`);
    } catch (error) {
      setActionError(error as Error);
      proposals.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="Proposals waiting for a second fund manager" wide>
      <div className="filters">
        <Field
          label="Status"
          name="proposalStatus"
          value={status}
          onChange={(s) => {
            setStatus(s);
            setOutcome(null);
            setActionError(null);
          }}
          options={STATUSES.map((s) => ({ value: s, label: s || 'all' }))}
        />
        <button type="button" onClick={proposals.reload} disabled={proposals.loading}>
          Refresh proposals
        </button>
      </div>
      <Problem error={proposals.error} />
      {actionError ? <Refusal error={actionError} /> : null}
      {outcome ? (
        <p role="status" className="outcome">
          {outcome}
        </p>
      ) : null}
      <Loading loading={proposals.loading && !proposals.data} />
      {proposals.data && items.length === 0 ? (
        <p>{status === 'pending' ? 'No proposal is waiting.' : 'No proposal.'}</p>
      ) : null}
      {items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Of</th>
              <th scope="col">Reserved</th>
              <th scope="col">Threshold</th>
              <th scope="col">Proposed by</th>
              <th scope="col">Proposed at</th>
              <th scope="col">Deadline</th>
              <th scope="col">Status</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.proposalId} aria-selected={declining === p.proposalId}>
                <td>
                  {actionName(p.action)}
                  <br />
                  <small>{p.proposalId}</small>
                </td>
                <td>{grantOf(p) ? props.grantName(grantOf(p) ?? '') : '—'}</td>
                <td>
                  <MoneyCell money={p.reserved} />
                </td>
                <td>
                  <MoneyCell money={p.threshold} />
                </td>
                <td>{p.proposedBy}</td>
                <td>{formatInstant(p.proposedAt)}</td>
                <td>{formatInstant(p.expiresAt)}</td>
                <td>
                  <span>{p.status}</span>
                  {p.settledBy ? (
                    <>
                      <br />
                      <small>by {p.settledBy}</small>
                    </>
                  ) : null}
                  {p.reason ? (
                    <>
                      <br />
                      <small>{p.reason}</small>
                    </>
                  ) : null}
                </td>
                <td className="row-actions">
                  {p.status === 'pending' ? (
                    <>
                      <button
                        type="button"
                        disabled={busy !== null}
                        aria-label={`Confirm ${actionName(p.action).toLowerCase()} of ${subject(p)}`}
                        onClick={() => void confirm(p)}
                      >
                        Confirm
                      </button>
                      <button
                        type="button"
                        disabled={busy !== null}
                        aria-label={`Decline ${actionName(p.action).toLowerCase()} of ${subject(p)}`}
                        onClick={() => {
                          setDeclining(p.proposalId);
                          setOutcome(null);
                          setActionError(null);
                        }}
                      >
                        Decline
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {declining
        ? (() => {
            const p = items.find((x) => x.proposalId === declining);
            if (!p) return null;
            return (
              <section className="review" aria-label={`Decline ${actionName(p.action).toLowerCase()} of ${subject(p)}`}>
                <h3>
                  Decline {actionName(p.action).toLowerCase()} of {subject(p)}
                </h3>
                <CommandForm
                  key={p.proposalId}
                  autoFocus
                  submit="Decline proposal"
                  fields={[{ name: 'reason', label: 'Reason for declining' }]}
                  send={(v) => api.post(`/proposals/${p.proposalId}/declination`, { reason: v.reason })}
                  onDone={(result) => {
                    const released = (result as { released?: MoneyJson }).released;
                    settled(
                      `Declined: ${actionName(p.action).toLowerCase()} of ${subject(p)}` +
                        (released ? `; ${formatMoney(released)} released.` : '.'),
                    );
                  }}
                />
              </section>
            );
          })()
        : null}
    </Card>
  );
}

/** An API refusal of a confirmation: its message, and what it means for the two usual ones. */
function Refusal({ error }: { error: Error }) {
  const code = error instanceof ApiError ? error.code : undefined;
  const lead =
    code === 'self-confirmation-refused'
      ? 'You proposed this yourself: a second fund manager must confirm it. '
      : code === 'proposal-not-pending'
        ? 'This proposal is no longer pending. '
        : '';
  return (
    <p role="alert" className="problem">
      {lead}
      {error.message}
      {code && lead ? <small> ({code})</small> : null}
    </p>
  );
}
