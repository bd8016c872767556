import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, q, type Page } from '../../api';
import { useFormat } from '../../locale';
import { Badge, Card, DataState, PageTitle } from '../../ui/kit';
import { byNumber, byText, DataTable } from '../../ui/table';

interface Denial {
  readonly denialId: string;
  readonly at: string;
  readonly status: number;
  readonly reason: string;
  readonly actor: string | null;
  readonly role: string | null;
  readonly keyId: string | null;
  readonly method: string;
  readonly path: string;
  readonly ip: string | null;
}

interface AccessChange {
  readonly changeId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: Record<string, unknown>;
}

const STATUSES = ['401', '403', '404'] as const;
/** How many records a table reads at most (the newest): 401s from the internet can be many. */
const MOST = 1000;

/** The newest records of a list (newest first), at most MOST, and how many there are in all. */
async function newest<T>(path: string): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let total: number | undefined;
  do {
    const page = await api.get<Page<T>>(`${path}${q({ limit: 200, cursor })}`);
    items.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
  } while (cursor && items.length < MOST);
  return { items, total: total ?? items.length };
}

const ACTIONS = ['user-created', 'user-disabled', 'api-key-created', 'api-key-revoked'] as const;

/**
 * Who was refused what (401, 403, and 404 outside a bank's scope), and every change to access
 * (users and keys created, disabled, revoked): two tables, newest first, with filters in the address.
 */
export function Access() {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const action = params.get('action') ?? '';
  const set = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        next.delete(name === 'status' ? 'denials.page' : 'changes.page');
        return next;
      },
      { replace: true },
    );

  const denials = useQuery({ queryKey: ['access-denials'], queryFn: () => newest<Denial>('/access/denials') });
  const changes = useQuery({ queryKey: ['access-changes'], queryFn: () => newest<AccessChange>('/access/changes') });
  const shownDenials = useMemo(
    () => (denials.data?.items ?? []).filter((d) => !status || String(d.status) === status),
    [denials.data, status],
  );
  const shownChanges = useMemo(
    () => (changes.data?.items ?? []).filter((c) => !action || c.action === action),
    [changes.data, action],
  );
  /** The API's reason for a refusal, in the user's language when it is one of the guard's. */
  const reasonText = (reason: string) => {
    let m = /^role (\w+) may not (read|write) (.+)$/.exec(reason);
    if (m)
      return t(`access.reasons.${m[2]}`, {
        role: role(m[1]),
        what: m[3] === 'this route' ? t('access.reasons.thisRoute') : m[3],
      });
    m = /^role (\w+) may not use this route$/.exec(reason);
    if (m) return t('access.reasons.route', { role: role(m[1]) });
    m = /^bank (.+) asked for bank (.+)$/.exec(reason);
    if (m) return t('access.reasons.otherBank', { bank: m[1], named: m[2] });
    if (reason === 'no API key') return t('access.reasons.noKey');
    if (reason === 'unknown or revoked API key') return t('access.reasons.unknownKey');
    return reason;
  };
  const role = (r: string | null | undefined) => (r ? t(`common:role.${r}`, { defaultValue: r }) : '—');
  const details = (c: AccessChange) =>
    Object.entries(c.details)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(
        ([k, v]) => `${t(`access.detail.${k}`, { defaultValue: k })} : ${k === 'role' ? role(String(v)) : String(v)}`,
      )
      .join(' · ');

  return (
    <>
      <PageTitle>{t('access.title')}</PageTitle>
      <p>{t('access.intro')}</p>
      <Card title={t('access.denials')} wide>
        <div className="audit-inline-filter">
          <label htmlFor="audit-filter-status">{t('access.status')}</label>
          <select id="audit-filter-status" value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('access.allStatuses')}</option>
            {STATUSES.map((x) => (
              <option key={x} value={x}>
                {t(`access.statuses.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <DataState query={denials}>
          {(all) => (
            <>
              {all.total > all.items.length ? (
                <p className="hint">
                  {t('access.newestOnly', {
                    shown: format.integer(all.items.length),
                    total: format.integer(all.total),
                  })}
                </p>
              ) : null}
              <DataTable
                id="denials"
                caption={t('access.denialsCaption')}
                rows={shownDenials}
                rowKey={(d) => d.denialId}
                filterText={(d) => `${d.actor ?? ''} ${d.role ?? ''} ${d.method} ${d.path} ${d.reason} ${d.ip ?? ''}`}
                empty={t('access.noDenials')}
                defaultSort={{ key: 'at', descending: true }}
                columns={[
                  {
                    key: 'at',
                    header: t('access.at'),
                    cell: (d) => format.dateTime(d.at),
                    sort: (a, b) => byText(a.at, b.at),
                  },
                  {
                    key: 'status',
                    header: t('access.status'),
                    cell: (d) => (
                      <Badge tone="bad">{t(`access.statuses.${d.status}`, { defaultValue: String(d.status) })}</Badge>
                    ),
                    sort: (a, b) => byNumber(a.status, b.status),
                  },
                  {
                    key: 'who',
                    header: t('access.who'),
                    cell: (d) => (
                      <>
                        {d.actor ?? t('access.unknownKey')} <small>{role(d.role)}</small>
                      </>
                    ),
                    sort: (a, b) => byText(a.actor, b.actor),
                  },
                  {
                    key: 'request',
                    header: t('access.request'),
                    cell: (d) => (
                      <code>
                        {d.method} {d.path}
                      </code>
                    ),
                    sort: (a, b) => byText(a.path, b.path),
                  },
                  { key: 'reason', header: t('access.reason'), cell: (d) => reasonText(d.reason) },
                  { key: 'ip', header: t('access.ip'), cell: (d) => d.ip ?? '—' },
                ]}
              />
            </>
          )}
        </DataState>
      </Card>
      <Card title={t('access.changes')} wide>
        <div className="audit-inline-filter">
          <label htmlFor="audit-filter-action">{t('access.action')}</label>
          <select id="audit-filter-action" value={action} onChange={(e) => set('action', e.target.value)}>
            <option value="">{t('access.allActions')}</option>
            {ACTIONS.map((x) => (
              <option key={x} value={x}>
                {t(`access.actions.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <DataState query={changes}>
          {(all) => (
            <>
              {all.total > all.items.length ? (
                <p className="hint">
                  {t('access.newestOnly', {
                    shown: format.integer(all.items.length),
                    total: format.integer(all.total),
                  })}
                </p>
              ) : null}
              <DataTable
                id="changes"
                caption={t('access.changesCaption')}
                rows={shownChanges}
                rowKey={(c) => c.changeId}
                filterText={(c) => `${c.actor} ${c.subject} ${c.action} ${JSON.stringify(c.details)}`}
                empty={t('access.noChanges')}
                defaultSort={{ key: 'at', descending: true }}
                columns={[
                  {
                    key: 'at',
                    header: t('access.at'),
                    cell: (c) => format.dateTime(c.at),
                    sort: (a, b) => byText(a.at, b.at),
                  },
                  {
                    key: 'action',
                    header: t('access.action'),
                    cell: (c) => (
                      <Badge tone={c.action.endsWith('created') ? 'neutral' : 'warn'}>
                        {t(`access.actions.${c.action}`, { defaultValue: c.action })}
                      </Badge>
                    ),
                    sort: (a, b) => byText(a.action, b.action),
                  },
                  {
                    key: 'subject',
                    header: t('access.subject'),
                    cell: (c) => <code>{c.subject}</code>,
                    sort: (a, b) => byText(a.subject, b.subject),
                  },
                  { key: 'details', header: t('access.details'), cell: details },
                  {
                    key: 'actor',
                    header: t('access.by'),
                    cell: (c) => c.actor,
                    sort: (a, b) => byText(a.actor, b.actor),
                  },
                ]}
              />
            </>
          )}
        </DataState>
      </Card>
    </>
  );
}
