import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import type { NavItem } from '../../shell';
import { Card, DataState, PageTitle, Stat, Stats } from '../../ui/kit';
import { ProposalsPanel } from '../shared/proposals';
import { BeneficiariesScreen, BeneficiaryScreen } from './beneficiaries';
import { BalanceChart, FundScreen, FundsScreen } from './funds';
import { GrantScreen, GrantsScreen } from './grants';
import { useFunds, useGrants, type Fund } from './model';
import { FundStats } from './parts';
import { PolicyScreen } from './policy';
import { QueueScreen, RequestScreen } from './requests';
import { WindowsScreen } from './windows';
import './fund-manager.css';

/** The fund-manager's links in the console's menu (paths relative to its section). */
export const nav: readonly NavItem[] = [
  { to: '', labelKey: 'fundManager:nav.home' },
  { to: 'funds', labelKey: 'fundManager:nav.funds' },
  { to: 'windows', labelKey: 'fundManager:nav.windows' },
  { to: 'beneficiaries', labelKey: 'fundManager:nav.beneficiaries' },
  { to: 'requests', labelKey: 'fundManager:nav.requests' },
  { to: 'queue', labelKey: 'fundManager:nav.queue' },
  { to: 'grants', labelKey: 'fundManager:nav.grants' },
  { to: 'policy', labelKey: 'fundManager:nav.policy' },
  { to: 'proposals', labelKey: 'fundManager:nav.proposals' },
];

/** The fund-manager's screens, under its section of the console. */
export function Screens() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
      <Route path="funds" element={<FundsScreen />} />
      <Route path="funds/:fundId" element={<FundScreen />} />
      <Route path="windows" element={<WindowsScreen />} />
      <Route path="beneficiaries" element={<BeneficiariesScreen />} />
      <Route path="beneficiaries/:beneficiaryId" element={<BeneficiaryScreen />} />
      <Route path="requests" element={<RequestScreen />} />
      <Route path="queue" element={<QueueScreen />} />
      <Route path="grants" element={<GrantsScreen />} />
      <Route path="grants/:grantId" element={<GrantScreen />} />
      <Route path="policy" element={<PolicyScreen />} />
      <Route path="proposals" element={<Proposals />} />
    </Routes>
  );
}

function Dashboard() {
  const { t } = useTranslation('fundManager');
  const funds = useFunds();
  return (
    <>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <DataState
        query={funds}
        isEmpty={(list) => list.length === 0}
        empty={
          <>
            {t('dashboard.noFund')} <Link to="/cofinancing/funds">{t('funds.create')}</Link>
          </>
        }
      >
        {(list) => (
          <div className="grid">
            {list.map((fund) => (
              <FundSummary key={fund.fundId} fund={fund} />
            ))}
          </div>
        )}
      </DataState>
    </>
  );
}

function FundSummary(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const f = props.fund;
  const waiting = useGrants({ fundId: f.fundId, status: 'requested' });
  const count = waiting.data?.length ?? 0;
  const short = waiting.data?.filter((g) => g.fundingStatus === 'waiting-for-funds').length ?? 0;
  return (
    <Card
      title={`${f.name} (${f.currency})`}
      wide
      actions={<Link to={`/cofinancing/funds/${f.fundId}`}>{t('dashboard.openFund')}</Link>}
    >
      <FundStats fund={f} />
      <Stats>
        <Stat
          label={t('dashboard.waiting')}
          value={<Link to={`/cofinancing/queue?fonds=${f.fundId}`}>{t('dashboard.requests', { count })}</Link>}
        />
        <Stat label={t('dashboard.waitingForFunds')} value={t('dashboard.requests', { count: short })} />
      </Stats>
      <BalanceChart fund={f} />
    </Card>
  );
}

function Proposals() {
  const { t } = useTranslation('fundManager');
  return (
    <>
      <PageTitle>{t('nav.proposals')}</PageTitle>
      <p className="hint">{t('proposals.explain')}</p>
      <ProposalsPanel context="cofinancing" />
    </>
  );
}
