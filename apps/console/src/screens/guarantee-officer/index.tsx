import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../shell';
import { PageTitle } from '../../ui/kit';

/** The guarantee-officer's links in the console's menu (paths relative to its section). */
export const nav: readonly NavItem[] = [{ to: '', labelKey: 'guaranteeOfficer:nav.home' }];

/** The guarantee-officer's screens, under its section of the console. */
export function Screens() {
  return (
    <Routes>
      <Route index element={<Home />} />
    </Routes>
  );
}

function Home() {
  const { t } = useTranslation('guaranteeOfficer');
  return <PageTitle>{t('nav.home')}</PageTitle>;
}
