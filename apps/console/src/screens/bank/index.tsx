import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../shell';
import { PageTitle } from '../../ui/kit';

/** The bank's links in the console's menu (paths relative to its section). */
export const nav: readonly NavItem[] = [{ to: '', labelKey: 'bank:nav.home' }];

/** The bank's screens, under its section of the console. */
export function Screens() {
  return (
    <Routes>
      <Route index element={<Home />} />
    </Routes>
  );
}

function Home() {
  const { t } = useTranslation('bank');
  return <PageTitle>{t('nav.home')}</PageTitle>;
}
