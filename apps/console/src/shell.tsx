import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, session, whenUnauthenticated, type Me, type Role } from './api';
import { LOCALES, useLocale, type ConsoleLocale } from './locale';

/** One link of a role's menu: `to` is relative to the role's section (`''` is its home). */
export interface NavItem {
  readonly to: string;
  readonly labelKey: string;
}

/** The console's sections: each role's own, under its path. An admin also reads the audit. */
export const SECTIONS: Readonly<Record<Role, readonly string[]>> = {
  fund_manager: ['cofinancing'],
  guarantee_officer: ['guarantees'],
  auditor: ['audit'],
  bank: ['bank'],
  admin: ['admin', 'audit'],
};

const MeContext = createContext<Me | null>(null);

/** The signed-in user (role, bank of a bank user). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in console');
  return me;
}

/**
 * Who is signed in: the API key is kept for the browser tab only (sessionStorage), checked
 * against `/access/me` on load. A key revoked mid-session (any 401) signs the user out with a
 * plain message, not a developer's.
 */
export function useSession() {
  const queries = useQueryClient();
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => session.key() !== null);
  const [endedBecause, setEndedBecause] = useState<'revoked' | null>(null);

  useEffect(() => {
    whenUnauthenticated(() => {
      session.clear();
      queries.clear();
      setMe(null);
      setEndedBecause('revoked');
    });
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
  }, [queries]);

  return {
    me,
    checking,
    endedBecause,
    signedIn: (who: Me, key: string) => {
      session.save(key);
      setEndedBecause(null);
      setMe(who);
    },
    signOut: () => {
      session.clear();
      queries.clear();
      setMe(null);
    },
  };
}

export function MeProvider(props: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={props.me}>{props.children}</MeContext.Provider>;
}

export function LocalePicker() {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  return (
    <label className="locale-picker">
      <span>{t('locale.label')}</span>{' '}
      <select value={locale} onChange={(e) => setLocale(e.target.value as ConsoleLocale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`locale.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The header (who, language, sign out), the role's menu, and the screen. */
export function Layout(props: {
  me: Me;
  menu: readonly { section: string; items: readonly NavItem[] }[];
  onSignOut: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('app.menu')}
        </button>
        <p className="who">
          {t('app.signedInAs', { user: props.me.userId, role: t(`role.${props.me.role}`) })}
          {props.me.bankId ? ` — ${props.me.bankId}` : ''}
        </p>
        <LocalePicker />
        <button
          type="button"
          onClick={() => {
            props.onSignOut();
            navigate('/');
          }}
        >
          {t('app.signOut')}
        </button>
      </header>
      <nav id="menu" className={menuOpen ? 'menu open' : 'menu'} aria-label={t('app.menuLabel')}>
        {props.menu.map((group) => (
          <ul key={group.section}>
            {props.menu.length > 1 ? <li className="menu-section">{t(`section.${group.section}`)}</li> : null}
            {group.items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to ? `/${group.section}/${item.to}` : `/${group.section}`}
                  end={item.to === ''}
                  onClick={() => setMenuOpen(false)}
                >
                  {t(item.labelKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
