import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api, type Role } from '../../api';
import { useFormat } from '../../locale';
import { useMe } from '../../shell';
import { CommandForm, SelectField, TextField, useRequired } from '../../ui/forms';
import { Badge, Card, DataState, ErrorNotice, PageTitle, Stat, Stats } from '../../ui/kit';
import { DataTable, byNumber, byText } from '../../ui/table';
import { CreateKey, KeysTable } from './keys';
import {
  ROLES,
  useAccessError,
  useKeys,
  useRowCommand,
  useUser,
  useUsers,
  When,
  type ApiKey,
  type User,
} from './model';

/** The users: every one with its role (translated), bank and state; a form to create one. */
export function Users() {
  const { t } = useTranslation('admin');
  const users = useUsers();
  const keys = useKeys();
  return (
    <>
      <PageTitle>{t('users.title')}</PageTitle>
      <div className="grid admin-grid">
        <Card title={t('users.create.title')}>
          <CreateUser />
        </Card>
        <Card title={t('users.list')} wide>
          <DataState query={users} isEmpty={(rows) => rows.length === 0} empty={t('users.empty')}>
            {(rows) => <UsersTable users={rows} keys={keys.data} />}
          </DataState>
        </Card>
      </div>
    </>
  );
}

function UsersTable(props: { users: readonly User[]; keys: readonly ApiKey[] | undefined }) {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const active = (userId: string) =>
    props.keys ? props.keys.filter((k) => k.userId === userId && !k.revokedAt).length : null;
  return (
    <DataTable
      id="users"
      caption={t('users.list')}
      rows={props.users}
      rowKey={(u) => u.userId}
      filterText={(u) => `${u.userId} ${u.displayName ?? ''} ${u.bankId ?? ''} ${t(`common:role.${u.role}`)}`}
      empty={t('users.empty')}
      defaultSort={{ key: 'user' }}
      columns={[
        {
          key: 'user',
          header: t('users.userId'),
          cell: (u) => <Link to={`users/${encodeURIComponent(u.userId)}`}>{u.userId}</Link>,
          sort: (a, b) => byText(a.userId, b.userId),
        },
        { key: 'name', header: t('users.displayName'), cell: (u) => u.displayName ?? '—' },
        {
          key: 'role',
          header: t('users.role'),
          cell: (u) => t(`common:role.${u.role}`),
          sort: (a, b) => byText(t(`common:role.${a.role}`), t(`common:role.${b.role}`)),
        },
        {
          key: 'bank',
          header: t('users.bank'),
          cell: (u) => u.bankId ?? '—',
          sort: (a, b) => byText(a.bankId, b.bankId),
        },
        {
          key: 'created',
          header: t('users.createdAt'),
          cell: (u) => <When value={u.createdAt} />,
          sort: (a, b) => byText(a.createdAt, b.createdAt),
        },
        { key: 'state', header: t('users.state'), cell: (u) => <UserState user={u} /> },
        {
          key: 'keys',
          header: t('users.activeKeys'),
          numeric: true,
          cell: (u) => {
            const count = active(u.userId);
            return count === null ? '—' : format.integer(count);
          },
          sort: (a, b) => byNumber(active(a.userId), active(b.userId)),
        },
      ]}
    />
  );
}

export function UserState(props: { user: User }) {
  const { t } = useTranslation('admin');
  return props.user.disabledAt ? (
    <Badge tone="bad">{t('users.disabled')}</Badge>
  ) : (
    <Badge tone="good">{t('users.active')}</Badge>
  );
}

interface NewUser {
  userId: string;
  displayName: string;
  role: string;
  bankId: string;
}

function CreateUser() {
  const { t } = useTranslation('admin');
  const required = useRequired();
  const navigate = useNavigate();
  const translate = useAccessError();
  const schema = z
    .object({
      userId: required().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, t('users.create.userIdInvalid')),
      displayName: z.string().max(200),
      role: required(),
      bankId: z.string(),
    })
    .superRefine((values, ctx) => {
      if (values.role !== 'bank') return;
      if (values.bankId.trim() === '')
        ctx.addIssue({ code: 'custom', path: ['bankId'], message: t('common:validation.required') });
      else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.bankId.trim()))
        ctx.addIssue({ code: 'custom', path: ['bankId'], message: t('users.create.bankIdInvalid') });
    });
  return (
    <CommandForm<NewUser, User>
      schema={schema}
      defaultValues={{ userId: '', displayName: '', role: '', bankId: '' }}
      label={t('users.create.title')}
      submitLabel={t('users.create.submit')}
      send={async (v, key) => {
        try {
          return await api.post<User>(
            '/access/users',
            {
              userId: v.userId.trim(),
              role: v.role,
              ...(v.role === 'bank' ? { bankId: v.bankId.trim() } : {}),
              ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
            },
            key,
          );
        } catch (error) {
          throw translate(error);
        }
      }}
      onDone={(user) => navigate(`users/${encodeURIComponent(user.userId)}`)}
    >
      <TextField name="userId" label={t('users.userId')} hint={t('users.create.userIdHint')} />
      <TextField name="displayName" label={t('users.displayName')} />
      <SelectField
        name="role"
        label={t('users.role')}
        placeholder={t('users.create.choose')}
        options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
        hint={t('users.create.scopeHint')}
      />
      <BankField />
    </CommandForm>
  );
}

/** The bank: asked for a bank user only. */
function BankField() {
  const { t } = useTranslation('admin');
  const role = useWatch<NewUser, 'role'>({ name: 'role' });
  return role === 'bank' ? <TextField name="bankId" label={t('users.bank')} hint={t('users.create.bankHint')} /> : null;
}

/** One user: its role, bank and state, its keys (create, revoke), and disabling it. */
export function UserDetail() {
  const { t } = useTranslation('admin');
  const { userId = '' } = useParams();
  const user = useUser(userId);
  const keys = useKeys(userId);
  const me = useMe();
  const disable = useRowCommand();
  return (
    <>
      <PageTitle actions={<Link to="..">{t('users.back')}</Link>}>{t('users.detailTitle', { userId })}</PageTitle>
      <DataState query={user}>
        {(u) => (
          <div className="grid admin-grid">
            <Card title={t('users.profile')}>
              <Stats>
                <Stat label={t('users.userId')} value={u.userId} />
                <Stat label={t('users.displayName')} value={u.displayName ?? '—'} />
                <Stat label={t('users.role')} value={t(`common:role.${u.role as Role}`)} />
                {u.bankId ? <Stat label={t('users.bank')} value={u.bankId} /> : null}
                <Stat label={t('users.state')} value={<UserState user={u} />} />
                <Stat
                  label={t('users.createdAt')}
                  value={
                    <>
                      <When value={u.createdAt} /> {t('users.by', { user: u.createdBy })}
                    </>
                  }
                />
                {u.disabledAt ? (
                  <Stat
                    label={t('users.disabledAt')}
                    value={
                      <>
                        <When value={u.disabledAt} /> {t('users.by', { user: u.disabledBy ?? '—' })}
                      </>
                    }
                  />
                ) : null}
              </Stats>
              {u.disabledAt || u.userId === me.userId ? null : (
                <div className="actions">
                  <button
                    type="button"
                    className="secondary"
                    disabled={disable.busy}
                    onClick={() =>
                      void disable.run(
                        u.userId,
                        {
                          title: t('users.disable.title'),
                          figures: [
                            { label: t('users.userId'), value: u.userId },
                            { label: t('users.role'), value: t(`common:role.${u.role}`) },
                            ...(u.bankId ? [{ label: t('users.bank'), value: u.bankId }] : []),
                          ],
                          warning: t('users.disable.warning'),
                          confirmLabel: t('users.disable.confirm'),
                        },
                        (key) => api.delete(`/access/users/${encodeURIComponent(u.userId)}`, key),
                      )
                    }
                  >
                    {t('users.disable.button')}
                  </button>
                </div>
              )}
              <ErrorNotice error={disable.failure} />
            </Card>
            {u.disabledAt ? null : (
              <Card title={t('keys.create.title')}>
                <CreateKey userId={u.userId} />
              </Card>
            )}
            <Card title={t('keys.ofUser')} wide>
              <DataState query={keys} isEmpty={(rows) => rows.length === 0} empty={t('keys.emptyOfUser')}>
                {(rows) => <KeysTable keys={rows} showUser={false} />}
              </DataState>
            </Card>
          </div>
        )}
      </DataState>
    </>
  );
}
