import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../shell';
import { PageTitle } from '../../ui/kit';
import { ProposalsPanel } from '../shared/proposals';
import { Keys } from './keys';
import { UserDetail, Users } from './users';
import './admin.css';

/**
 * The admin's links in the console's menu (paths relative to its section). An admin also gets the
 * audit section (its own menu group), which includes the access records (denials, changes).
 */
export const nav: readonly NavItem[] = [
  { to: '', labelKey: 'admin:nav.users' },
  { to: 'keys', labelKey: 'admin:nav.keys' },
  { to: 'proposals', labelKey: 'admin:nav.proposals' },
];

/** The admin's screens: users and their roles, API keys, and the proposals an admin may settle. */
export function Screens() {
  return (
    <Routes>
      <Route index element={<Users />} />
      <Route path="users/:userId" element={<UserDetail />} />
      <Route path="keys" element={<Keys />} />
      <Route path="proposals" element={<Proposals />} />
    </Routes>
  );
}

/**
 * An admin may confirm the proposals no one person of a context may settle alone: a loosened
 * four-eyes policy and a withdrawal past the headroom (the API refuses the others to an admin).
 */
function Proposals() {
  const { t } = useTranslation('admin');
  return (
    <>
      <PageTitle>{t('nav.proposals')}</PageTitle>
      <p>{t('proposals.intro')}</p>
      <h2>{t('proposals.cofinancing')}</h2>
      <ProposalsPanel context="cofinancing" />
      <h2>{t('proposals.guarantees')}</h2>
      <ProposalsPanel context="guarantees" />
    </>
  );
}
