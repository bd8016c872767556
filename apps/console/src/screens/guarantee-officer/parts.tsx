import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingNotice as SharedPendingNotice } from '../shared/proposals';
import { useFormat } from '../../locale';
import { Gauge } from '../../ui/chart';
import { Badge, DataState, Money, Stat, Stats } from '../../ui/kit';
import {
  standingProblem,
  useChosenCompany,
  useCompanies,
  type CompanyFigures,
  type CompanySummary,
  type ConventionStatus,
  type GuaranteeState,
  type Member,
  type PendingAnswer,
} from './model';

/** A per-company screen: the company chooser (its choice in the address), then the screen for that company. */
export function WithCompany(props: { children: (company: CompanySummary) => ReactNode }) {
  const { t } = useTranslation('guaranteeOfficer');
  const companies = useCompanies();
  const { company, choose } = useChosenCompany(companies.data);
  return (
    <DataState query={companies} isEmpty={(list) => list.length === 0} empty={t('companies.none')}>
      {(list) =>
        company ? (
          <>
            {list.length > 1 ? (
              <div className="toolbar">
                <label className="field">
                  <span>{t('companies.choose')}</span>{' '}
                  <select value={company.companyId} onChange={(e) => choose(e.target.value)}>
                    {list.map((c) => (
                      <option key={c.companyId} value={c.companyId}>
                        {c.name} ({c.currency})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            ) : null}
            {props.children(company)}
          </>
        ) : null
      }
    </DataState>
  );
}

/** A command only proposed (202), in this role's words: see the shared PendingNotice. */
export const PendingNotice = (props: { answer: PendingAnswer; what: string }) => (
  <SharedPendingNotice context="guarantees" {...props} />
);

const CONVENTION_TONE: Record<ConventionStatus, 'good' | 'bad' | 'warn' | 'neutral'> = {
  'not-yet-in-force': 'warn',
  'in-force': 'good',
  expired: 'neutral',
  terminated: 'bad',
};

export function ConventionStatusBadge(props: { status: ConventionStatus }) {
  const { t } = useTranslation('guaranteeOfficer');
  return <Badge tone={CONVENTION_TONE[props.status]}>{t(`conventionStatus.${props.status}`)}</Badge>;
}

const STATE_TONE: Record<GuaranteeState, 'good' | 'bad' | 'warn' | 'neutral'> = {
  active: 'good',
  released: 'neutral',
  called: 'bad',
};

export function GuaranteeStateBadge(props: { state: GuaranteeState }) {
  const { t } = useTranslation('guaranteeOfficer');
  return <Badge tone={STATE_TONE[props.state]}>{t(`guaranteeState.${props.state}`)}</Badge>;
}

export function StandingBadge(props: { member: Member }) {
  const { t } = useTranslation('guaranteeOfficer');
  const problem = standingProblem(props.member);
  if (problem === 'left') return <Badge tone="neutral">{t('standing.left')}</Badge>;
  if (problem === 'capital-not-paid') return <Badge tone="warn">{t('standing.capitalNotPaid')}</Badge>;
  if (problem === 'in-default')
    return <Badge tone="bad">{t('standing.defaulted', { count: props.member.defaults })}</Badge>;
  return <Badge tone="good">{t('standing.good')}</Badge>;
}

/** A company's figures: guarantee fund, capacity, outstanding, headroom. */
export function CompanyStats(props: { company: CompanyFigures }) {
  const { t } = useTranslation('guaranteeOfficer');
  const format = useFormat();
  const c = props.company;
  return (
    <Stats>
      <Stat label={t('figures.fundBalance')} value={<Money value={c.fundBalance} />} />
      <Stat label={t('figures.capacity')} value={<Money value={c.capacity} />} />
      <Stat label={t('figures.outstanding')} value={<Money value={c.guaranteedOutstanding} />} />
      <Stat
        label={t('figures.headroom')}
        value={<Money value={c.headroom} />}
        tone={c.headroom.amountMinor.startsWith('-') ? 'bad' : undefined}
      />
      <Stat label={t('figures.inForce')} value={format.integer(c.guaranteesInForce)} />
      <Stat label={t('figures.claimsPaid')} value={<Money value={c.claimsPaid} />} />
      <Stat label={t('figures.recoveries')} value={<Money value={c.recoveries} />} />
    </Stats>
  );
}

/** Capacity used, as a gauge: capacity − headroom over capacity. */
export function HeadroomGauge(props: { company: CompanyFigures; name: string }) {
  const { t } = useTranslation('guaranteeOfficer');
  const capacity = BigInt(props.company.capacity.amountMinor);
  const used = capacity - BigInt(props.company.headroom.amountMinor);
  return (
    <Gauge
      label={t('figures.gauge', { name: props.name })}
      used={used}
      capacity={capacity}
      caption={
        <>
          {t('figures.headroom')} : <Money value={props.company.headroom} />
        </>
      }
    />
  );
}
