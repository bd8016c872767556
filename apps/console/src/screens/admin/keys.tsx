import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../../api';
import { useMe } from '../../shell';
import { CommandForm, SelectField, TextField, useRequired } from '../../ui/forms';
import { Badge, Card, DataState, ErrorNotice, PageTitle } from '../../ui/kit';
import { DataTable, byText } from '../../ui/table';
import { useAccessError, useKeys, useRowCommand, useUsers, When, type ApiKey, type IssuedKey } from './model';

/** Every API key (never a secret): create one for a user, revoke one. */
export function Keys() {
  const { t } = useTranslation('admin');
  const keys = useKeys();
  const users = useUsers();
  return (
    <>
      <PageTitle>{t('keys.title')}</PageTitle>
      <div className="grid admin-grid">
        <Card title={t('keys.create.title')}>
          <DataState query={users}>
            {(rows) => (
              <CreateKey
                users={rows
                  .filter((u) => !u.disabledAt)
                  .map((u) => ({
                    value: u.userId,
                    label: `${u.userId} — ${t(`common:role.${u.role}`)}${u.bankId ? ` (${u.bankId})` : ''}`,
                  }))}
              />
            )}
          </DataState>
        </Card>
        <Card title={t('keys.list')} wide>
          <DataState query={keys} isEmpty={(rows) => rows.length === 0} empty={t('keys.empty')}>
            {(rows) => <KeysTable keys={rows} showUser />}
          </DataState>
        </Card>
      </div>
    </>
  );
}

interface NewKey {
  userId: string;
  label: string;
}

/**
 * Creates a key for a user (fixed, or chosen among `users`). The secret the API answers is kept in
 * this component's state only — never in a query's cache, the URL or storage — and shown once: once
 * the admin leaves the screen, it is gone for good.
 */
export function CreateKey(props: { userId?: string; users?: readonly { value: string; label: string }[] }) {
  const { t } = useTranslation('admin');
  const required = useRequired();
  const translate = useAccessError();
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const schema = z.object({ userId: required(), label: z.string().max(200) });
  return (
    <>
      {issued ? <ShownOnce issued={issued} onDone={() => setIssued(null)} /> : null}
      <CommandForm<NewKey, IssuedKey>
        schema={schema}
        defaultValues={{ userId: props.userId ?? '', label: '' }}
        label={t('keys.create.title')}
        submitLabel={t('keys.create.submit')}
        send={async (v, key) => {
          setIssued(null);
          try {
            return await api.post<IssuedKey>(
              '/access/api-keys',
              { userId: v.userId, ...(v.label.trim() ? { label: v.label.trim() } : {}) },
              key,
            );
          } catch (error) {
            throw translate(error);
          }
        }}
        onDone={(result) => setIssued(result)}
      >
        {props.userId === undefined ? (
          <SelectField
            name="userId"
            label={t('keys.user')}
            placeholder={t('users.create.choose')}
            options={props.users ?? []}
          />
        ) : null}
        <TextField name="label" label={t('keys.label')} hint={t('keys.create.labelHint')} />
      </CommandForm>
    </>
  );
}

/** The new key's secret, with a copy button and the warning that it will never be shown again. */
function ShownOnce(props: { issued: IssuedKey; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const secret = props.issued.apiKey;
  const copy = async () => {
    if (!secret) return;
    try {
      // The Clipboard API exists in secure contexts only (https, localhost); over plain http the
      // old selection copy still works.
      if (navigator.clipboard) await navigator.clipboard.writeText(secret);
      else {
        input.current?.select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <section className="admin-secret" aria-labelledby={`${id}-title`} role="region">
      <h3 id={`${id}-title`}>{t('keys.secret.title', { userId: props.issued.userId })}</h3>
      {secret ? (
        <>
          <p className="admin-warning">
            <strong>{t('keys.secret.warning')}</strong>
          </p>
          <label htmlFor={id}>{t('keys.secret.label')}</label>
          <div className="input-row">
            <textarea
              id={id}
              ref={input}
              readOnly
              rows={1}
              value={secret}
              spellCheck={false}
              className="admin-secret-value"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" onClick={() => void copy()}>
              {t('keys.secret.copy')}
            </button>
          </div>
          <p role="status" className="hint">
            {copied === 'yes' ? t('keys.secret.copied') : copied === 'no' ? t('keys.secret.copyFailed') : ''}
          </p>
        </>
      ) : (
        <p className="admin-warning">{t('keys.secret.omitted')}</p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={props.onDone}>
          {t('keys.secret.done')}
        </button>
      </div>
    </section>
  );
}

/** Keys (metadata only) with their state and, for an active one, a revoke button asking first. */
export function KeysTable(props: { keys: readonly ApiKey[]; showUser: boolean }) {
  const { t } = useTranslation('admin');
  const me = useMe();
  const revoke = useRowCommand();
  return (
    <>
      <ErrorNotice error={revoke.failure} />
      <DataTable
        id="keys"
        caption={props.showUser ? t('keys.list') : t('keys.ofUser')}
        rows={props.keys}
        rowKey={(k) => k.keyId}
        filterText={(k) => `${k.keyId} ${k.userId} ${k.label ?? ''} ${t(`common:role.${k.role}`)}`}
        empty={t('keys.empty')}
        defaultSort={{ key: 'created', descending: true }}
        columns={[
          { key: 'key', header: t('keys.keyId'), cell: (k) => <code>{k.keyId}</code> },
          ...(props.showUser
            ? [
                {
                  key: 'user',
                  header: t('keys.user'),
                  cell: (k: ApiKey) => <Link to={`../users/${encodeURIComponent(k.userId)}`}>{k.userId}</Link>,
                  sort: (a: ApiKey, b: ApiKey) => byText(a.userId, b.userId),
                },
              ]
            : []),
          { key: 'role', header: t('users.role'), cell: (k) => t(`common:role.${k.role}`) },
          { key: 'label', header: t('keys.label'), cell: (k) => k.label ?? '—' },
          {
            key: 'created',
            header: t('keys.createdAt'),
            cell: (k) => <When value={k.createdAt} />,
            sort: (a, b) => byText(a.createdAt, b.createdAt),
          },
          {
            key: 'state',
            header: t('users.state'),
            cell: (k) =>
              k.revokedAt ? (
                <Badge tone="bad">{t('keys.revoked')}</Badge>
              ) : (
                <Badge tone="good">{t('keys.active')}</Badge>
              ),
          },
          {
            key: 'actions',
            header: t('keys.actions'),
            cell: (k) =>
              k.revokedAt ? (
                <small>
                  <When value={k.revokedAt} /> {t('users.by', { user: k.revokedBy ?? '—' })}
                </small>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  disabled={revoke.busy}
                  aria-label={t('keys.revoke.buttonFor', { keyId: k.keyId, userId: k.userId })}
                  onClick={() =>
                    void revoke.run(
                      k.keyId,
                      {
                        title: t('keys.revoke.title'),
                        figures: [
                          { label: t('keys.keyId'), value: k.keyId },
                          { label: t('keys.user'), value: k.userId },
                          { label: t('users.role'), value: t(`common:role.${k.role}`) },
                          ...(k.label ? [{ label: t('keys.label'), value: k.label }] : []),
                        ],
                        warning: k.userId === me.userId ? t('keys.revoke.ownWarning') : t('keys.revoke.warning'),
                        confirmLabel: t('keys.revoke.confirm'),
                      },
                      (key) => api.delete(`/access/api-keys/${encodeURIComponent(k.keyId)}`, key),
                    )
                  }
                >
                  {t('keys.revoke.button')}
                </button>
              ),
          },
        ]}
      />
    </>
  );
}
