import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { api, ApiError, type Me } from './api';
import * as admin from './screens/admin';
import * as auditor from './screens/auditor';
import * as bank from './screens/bank';
import * as fundManager from './screens/fund-manager';
import * as guaranteeOfficer from './screens/guarantee-officer';
import { Layout, LocalePicker, MeProvider, SECTIONS, useSession, type NavItem } from './shell';
import { ErrorNotice, Loading, PageTitle } from './ui/kit';

/** Each section's screens and menu. */
const SECTION_SCREENS: Readonly<Record<string, { nav: readonly NavItem[]; Screens: () => React.JSX.Element }>> = {
  cofinancing: fundManager,
  guarantees: guaranteeOfficer,
  audit: auditor,
  bank,
  admin,
};

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.checking) return <Loading />;
  if (!session.me) return <SignIn onSignedIn={session.signedIn} endedBecause={session.endedBecause} />;
  const me = session.me;
  const sections = SECTIONS[me.role];
  return (
    <MeProvider me={me}>
      <Layout
        me={me}
        menu={sections.map((section) => ({ section, items: SECTION_SCREENS[section].nav }))}
        onSignOut={session.signOut}
      >
        <Routes>
          {sections.map((section) => {
            const { Screens } = SECTION_SCREENS[section];
            return <Route key={section} path={`/${section}/*`} element={<Screens />} />;
          })}
          <Route path="/" element={<Navigate to={`/${sections[0]}`} replace />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </MeProvider>
  );

  function NotFound() {
    return (
      <>
        <PageTitle>{t('notFound.title')}</PageTitle>
        <p>{t('notFound.text')}</p>
      </>
    );
  }
}

function SignIn(props: { onSignedIn: (me: Me, key: string) => void; endedBecause: 'revoked' | null }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const who = await api.get<Me>('/access/me', key.trim());
      props.onSignedIn(who, key.trim());
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? new Error(t('signIn.unknownKey')) : e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in" id="main">
      <LocalePicker />
      <PageTitle>{t('app.title')}</PageTitle>
      <p>{t('signIn.intro')}</p>
      {props.endedBecause === 'revoked' ? (
        <p role="alert" className="problem">
          {t('signIn.revoked')}
        </p>
      ) : null}
      <form onSubmit={submit} aria-label={t('signIn.title')}>
        <div className="field">
          <label htmlFor="api-key">{t('signIn.apiKey')}</label>
          <input
            id="api-key"
            name="apiKey"
            type="password"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            autoComplete="off"
            required
            autoFocus
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !key.trim()}>
            {t('signIn.submit')}
          </button>
        </div>
        <ErrorNotice error={error} />
      </form>
    </main>
  );
}
