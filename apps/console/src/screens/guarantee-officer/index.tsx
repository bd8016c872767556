import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import type { NavItem } from '../../shell';
import { Card, DataState, PageTitle } from '../../ui/kit';
import { ProposalsPanel } from '../shared/proposals';
import { CompaniesScreen, CompanyScreen } from './companies';
import { ConventionsScreen } from './conventions';
import { GuaranteeScreen, GuaranteesScreen } from './guarantees';
import { useCompanies } from './model';
import { PolicyScreen } from './policy';
import { CompanyStats, HeadroomGauge } from './parts';

/** The guarantee-officer's links in the console's menu (paths relative to its section). */
export const nav: readonly NavItem[] = [
  { to: '', labelKey: 'guaranteeOfficer:nav.home' },
  { to: 'companies', labelKey: 'guaranteeOfficer:nav.companies' },
  { to: 'conventions', labelKey: 'guaranteeOfficer:nav.conventions' },
  { to: 'guarantees', labelKey: 'guaranteeOfficer:nav.guarantees' },
  { to: 'policy', labelKey: 'guaranteeOfficer:nav.policy' },
  { to: 'proposals', labelKey: 'guaranteeOfficer:nav.proposals' },
];

/** The guarantee-officer's screens, under its section of the console. */
export function Screens() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
      <Route path="companies" element={<CompaniesScreen />} />
      <Route path="companies/:companyId" element={<CompanyScreen />} />
      <Route path="conventions" element={<ConventionsScreen />} />
      <Route path="guarantees" element={<GuaranteesScreen />} />
      <Route path="guarantees/:guaranteeId" element={<GuaranteeScreen />} />
      <Route path="policy" element={<PolicyScreen />} />
      <Route path="proposals" element={<Proposals />} />
    </Routes>
  );
}

function Dashboard() {
  const { t } = useTranslation('guaranteeOfficer');
  const companies = useCompanies();
  return (
    <>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <DataState
        query={companies}
        isEmpty={(list) => list.length === 0}
        empty={
          <>
            {t('dashboard.noCompany')} <Link to="/guarantees/companies">{t('companies.create')}</Link>
          </>
        }
      >
        {(list) => (
          <div className="grid">
            {list.map((c) => (
              <Card
                key={c.companyId}
                title={`${c.name} (${c.currency})`}
                wide
                actions={<Link to={`/guarantees/companies/${c.companyId}`}>{t('dashboard.openCompany')}</Link>}
              >
                <CompanyStats company={c} />
                <HeadroomGauge company={c} name={c.name} />
              </Card>
            ))}
          </div>
        )}
      </DataState>
    </>
  );
}

function Proposals() {
  const { t } = useTranslation('guaranteeOfficer');
  return (
    <>
      <PageTitle>{t('nav.proposals')}</PageTitle>
      <p className="hint">{t('proposals.explain')}</p>
      <ProposalsPanel context="guarantees" />
    </>
  );
}
