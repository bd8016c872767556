import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, q } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import { useMe } from '../../shell';
import { useConfirm } from '../../ui/confirm';
import { useMoneyFigure } from '../../ui/forms';
import { Badge, DataState, ErrorNotice, Money, Pending, Success } from '../../ui/kit';
import { DataTable, byText } from '../../ui/table';

export interface Proposal {
  readonly proposalId: string;
  readonly context: 'cofinancing' | 'guarantees';
  readonly action: string;
  readonly status: 'pending' | 'confirmed' | 'declined' | 'expired';
  readonly reserved: MoneyJson;
  readonly threshold: MoneyJson | null;
  readonly subjects: Readonly<Record<string, string | number>>;
  readonly command: Readonly<Record<string, unknown>>;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly expiresAt: string;
  readonly settledBy: string | null;
  readonly settledAt: string | null;
  readonly reason: string | null;
}

const STATUS_TONE = { pending: 'warn', confirmed: 'good', declined: 'bad', expired: 'neutral' } as const;

/**
 * The four-eyes proposals of one context: those waiting for a second person, with Confirm (not
 * offered to the one who proposed it) and Decline (with a reason), and the settled ones below.
 * Used by the fund manager's, the officer's and the admin's screens.
 */
export function ProposalsPanel(props: { context: 'cofinancing' | 'guarantees' }) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  const me = useMe();
  const [done, setDone] = useState<string | null>(null);
  const proposals = useQuery({
    queryKey: ['proposals', props.context],
    queryFn: () => api.all<Proposal>(`/proposals${q({ context: props.context })}`),
  });
  const pending = (list: readonly Proposal[]) => list.filter((p) => p.status === 'pending');
  const settled = (list: readonly Proposal[]) => list.filter((p) => p.status !== 'pending').reverse();

  return (
    <DataState query={proposals}>
      {(list) => (
        <>
          {done ? <Success>{done}</Success> : null}
          <h2>{t('pendingTitle')}</h2>
          {pending(list).length === 0 ? (
            <p className="empty">{t('nonePending')}</p>
          ) : (
            <ul className="proposal-list">
              {pending(list).map((p) => (
                <PendingProposal
                  key={p.proposalId}
                  proposal={p}
                  mine={p.proposedBy === me.userId}
                  onSettled={setDone}
                />
              ))}
            </ul>
          )}
          <h2>{t('settledTitle')}</h2>
          <DataTable
            id={`settled-${props.context}`}
            caption={t('settledTitle')}
            rows={settled(list)}
            rowKey={(p) => p.proposalId}
            empty={t('noneSettled')}
            filterText={(p) =>
              `${t(`action.${p.action}`, { defaultValue: p.action })} ${p.proposedBy} ${p.settledBy ?? ''}`
            }
            columns={[
              {
                key: 'action',
                header: t('column.action'),
                cell: (p) => t(`action.${p.action}`, { defaultValue: p.action }),
              },
              {
                key: 'status',
                header: t('column.status'),
                cell: (p) => <Badge tone={STATUS_TONE[p.status]}>{t(`status.${p.status}`)}</Badge>,
                sort: (a, b) => byText(a.status, b.status),
              },
              { key: 'reserved', header: t('column.amount'), numeric: true, cell: (p) => <Money value={p.reserved} /> },
              { key: 'proposedBy', header: t('column.proposedBy'), cell: (p) => p.proposedBy },
              {
                key: 'settledAt',
                header: t('column.settled'),
                cell: (p) => `${format.dateTime(p.settledAt)}${p.settledBy ? ` — ${p.settledBy}` : ''}`,
                sort: (a, b) => byText(a.settledAt, b.settledAt),
              },
              { key: 'reason', header: t('column.reason'), cell: (p) => p.reason ?? '—' },
            ]}
          />
        </>
      )}
    </DataState>
  );
}

const isMoney = (value: unknown): value is MoneyJson =>
  typeof value === 'object' && value !== null && 'amountMinor' in value && 'currency' in value;

/**
 * What a person deciding needs to read of the command waiting: its amounts, dates, loan reference,
 * participation year and reason — by name, in the user's language. Ids are left out (a UUID tells a
 * reader nothing); a field the catalogue does not name is left out too.
 */
function commandFigures(
  p: Proposal,
  t: TFunction<'proposals'>,
  format: ReturnType<typeof useFormat>,
  figure: (money: MoneyJson) => ReactNode,
): { label: string; value: ReactNode }[] {
  const fields = { ...p.subjects, ...p.command };
  return Object.entries(fields).flatMap(([name, value]) => {
    const label = t(`field.${name}`, { defaultValue: '' });
    if (!label || name.endsWith('Id')) return [];
    if (isMoney(value)) return [{ label, value: figure(value) }];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return [{ label, value: format.date(value) }];
    if (typeof value === 'string' || typeof value === 'number') return [{ label, value: String(value) }];
    return [];
  });
}

function PendingProposal(props: { proposal: Proposal; mine: boolean; onSettled: (text: string) => void }) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  const confirm = useConfirm();
  const figure = useMoneyFigure();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [declining, setDeclining] = useState(false);
  const p = props.proposal;
  const actionName = t(`action.${p.action}`, { defaultValue: p.action });
  const settle = useMutation({
    mutationFn: (decision: { kind: 'confirmation' | 'declination'; key: string }) =>
      api.post(
        `/proposals/${encodeURIComponent(p.proposalId)}/${decision.kind}`,
        decision.kind === 'declination' ? { reason: reason.trim() } : {},
        decision.key,
      ),
    onSuccess: async (_result, decision) => {
      await queries.invalidateQueries();
      props.onSettled(t(decision.kind === 'confirmation' ? 'confirmed' : 'declined', { action: actionName }));
    },
  });
  const figures = [
    { label: t('column.action'), value: actionName },
    { label: t('column.amount'), value: figure(p.reserved) },
    ...commandFigures(p, t, format, figure),
    { label: t('column.proposedBy'), value: `${p.proposedBy} — ${format.dateTime(p.proposedAt)}` },
  ];

  return (
    <li className="card proposal">
      <h3>
        {actionName} <Badge tone="warn">{t('status.pending')}</Badge>
      </h3>
      <dl className="figures">
        {figures.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
        {p.threshold ? (
          <div>
            <dt>{t('threshold')}</dt>
            <dd>
              <Money value={p.threshold} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('expiresAt')}</dt>
          <dd>{format.dateTime(p.expiresAt)}</dd>
        </div>
      </dl>
      {props.mine ? <p className="hint">{t('mine')}</p> : null}
      <div className="actions">
        {props.mine ? null : (
          <button
            type="button"
            className="primary"
            disabled={settle.isPending}
            onClick={async () => {
              const ok = await confirm({
                title: t('confirmTitle', { action: actionName }),
                figures,
                confirmLabel: t('confirm'),
              });
              if (ok) settle.mutate({ kind: 'confirmation', key: newIdempotencyKey() });
            }}
          >
            {t('confirm')}
          </button>
        )}
        <button type="button" onClick={() => setDeclining((open) => !open)} aria-expanded={declining}>
          {t(props.mine ? 'withdraw' : 'decline')}
        </button>
      </div>
      {declining ? (
        <form
          className="command-form"
          aria-label={t('declineForm', { action: actionName })}
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) settle.mutate({ kind: 'declination', key: newIdempotencyKey() });
          }}
        >
          <div className="field">
            <label htmlFor={`reason-${p.proposalId}`}>{t('reason')}</label>
            <input id={`reason-${p.proposalId}`} value={reason} onChange={(e) => setReason(e.target.value)} required />
          </div>
          <div className="actions">
            <button type="submit" disabled={!reason.trim() || settle.isPending}>
              {t('declineSubmit')}
            </button>
          </div>
        </form>
      ) : null}
      <ErrorNotice error={settle.error} />
    </li>
  );
}

/** A command's answer when it was only proposed (202): the proposal, not a result. */
export interface PendingAnswer {
  readonly proposalId: string;
  readonly status: 'pending';
  readonly action?: string;
  readonly expiresAt: string;
  readonly reserved?: MoneyJson | null;
  readonly threshold?: MoneyJson | null;
}

export const isPending = (answer: unknown): answer is PendingAnswer =>
  typeof answer === 'object' &&
  answer !== null &&
  (answer as { status?: unknown }).status === 'pending' &&
  typeof (answer as { proposalId?: unknown }).proposalId === 'string';

/** A command only proposed (202): waiting for a second person of its context, never shown as done. */
export function PendingNotice(props: { answer: PendingAnswer; what: string; context: 'cofinancing' | 'guarantees' }) {
  const { t } = useTranslation('proposals');
  const format = useFormat();
  return (
    <Pending>
      <strong>{t('pending.title', { what: props.what })}</strong> {t(`pending.text.${props.context}`)}{' '}
      {props.answer.reserved && props.answer.reserved.amountMinor !== '0' ? (
        <>
          {t('pending.reserved')} <Money value={props.answer.reserved} />.{' '}
        </>
      ) : null}
      {props.answer.threshold ? (
        <>
          {t('pending.threshold')} <Money value={props.answer.threshold} />.{' '}
        </>
      ) : null}
      {t('pending.expires', { when: format.dateTime(props.answer.expiresAt) })}
    </Pending>
  );
}
