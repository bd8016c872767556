import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, session, type Me } from './api';
import { Auditor } from './screens/Auditor';
import { Bank } from './screens/Bank';
import { FundManager } from './screens/FundManager';
import { GuaranteeOfficer } from './screens/GuaranteeOfficer';
import { Field } from './ui';

const ROLE_NAMES: Record<Me['role'], string> = {
  admin: 'Administrator',
  fund_manager: 'Fund manager',
  guarantee_officer: 'Guarantee officer',
  auditor: 'Auditor',
  bank: 'Bank',
};

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => session.key() !== null);

  useEffect(() => {
    const key = session.key();
    if (!key) return;
    api.get<Me>('/access/me', key).then(
      (who) => {
        setMe(who);
        setChecking(false);
      },
      () => {
        session.clear();
        setChecking(false);
      },
    );
  }, []);

  if (checking) return <p aria-live="polite">Signing in…</p>;
  if (!me) return <SignIn onSignedIn={setMe} />;
  return (
    <>
      <header className="top">
        <h1>Ledger console</h1>
        <p>
          Signed in as <strong>{me.userId}</strong> — {ROLE_NAMES[me.role]}
          {me.bankId ? ` (${me.bankId})` : ''}
        </p>
        <button
          type="button"
          onClick={() => {
            session.clear();
            setMe(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        <RoleScreens me={me} />
      </main>
    </>
  );
}

function RoleScreens({ me }: { me: Me }) {
  switch (me.role) {
    case 'fund_manager':
      return <FundManager />;
    case 'guarantee_officer':
      return <GuaranteeOfficer />;
    case 'auditor':
    case 'admin':
      return <Auditor />;
    case 'bank':
      return me.bankId ? <Bank bankId={me.bankId} /> : <p>This bank user has no bank.</p>;
  }
}

function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const who = await api.get<Me>('/access/me', key.trim());
      session.save(key.trim());
      onSignedIn(who);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401 ? 'This API key is unknown or revoked.' : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <h1>Ledger console</h1>
      <p>Co-financing fund and mutual guarantee ledger. Sign in with your API key.</p>
      <form onSubmit={submit} aria-label="Sign in">
        <Field
          label="API key"
          name="apiKey"
          type="password"
          value={key}
          onChange={setKey}
          autoComplete="off"
          error={error}
          required
          autoFocus
        />
        <button type="submit" disabled={busy || !key.trim()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
