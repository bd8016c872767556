import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingNotice as SharedPendingNotice } from '../shared/proposals';
import type { UseQueryResult } from '@tanstack/react-query';
import { useFormat } from '../../locale';
import { Badge, DataState, Money, Stat, Stats } from '../../ui/kit';
import { useChosenFund, useFunds, type Fund, type GrantStatus, type PendingAnswer } from './model';

/** A per-fund screen: the fund chooser (its choice in the address), then the screen for that fund. */
export function WithFund(props: { children: (fund: Fund) => ReactNode }) {
  const { t } = useTranslation('fundManager');
  const funds = useFunds();
  const { fund, choose } = useChosenFund(funds.data);
  return (
    <DataState query={funds} isEmpty={(list) => list.length === 0} empty={t('funds.none')}>
      {(list) =>
        fund ? (
          <>
            {list.length > 1 ? (
              <div className="toolbar">
                <label className="field">
                  <span>{t('funds.choose')}</span>{' '}
                  <select value={fund.fundId} onChange={(e) => choose(e.target.value)}>
                    {list.map((f) => (
                      <option key={f.fundId} value={f.fundId}>
                        {f.name} ({f.currency})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            ) : null}
            {props.children(fund)}
          </>
        ) : null
      }
    </DataState>
  );
}

/** A command only proposed (202), in this role's words: see the shared PendingNotice. */
export const PendingNotice = (props: { answer: PendingAnswer; what: string }) => (
  <SharedPendingNotice context="cofinancing" {...props} />
);

const STATUS_TONE: Record<GrantStatus, 'good' | 'bad' | 'warn' | 'neutral'> = {
  requested: 'warn',
  approved: 'good',
  rejected: 'bad',
  closed: 'neutral',
  cancelled: 'bad',
};

export function GrantStatusBadge(props: { status: GrantStatus }) {
  const { t } = useTranslation('fundManager');
  return <Badge tone={STATUS_TONE[props.status]}>{t(`grantStatus.${props.status}`)}</Badge>;
}

export function FundingBadge(props: { status: 'waiting-for-funds' | 'fundable' | null }) {
  const { t } = useTranslation('fundManager');
  if (!props.status) return <>—</>;
  return <Badge tone={props.status === 'fundable' ? 'good' : 'warn'}>{t(`fundingStatus.${props.status}`)}</Badge>;
}

/** The balances of a fund as labelled figures. */
export function FundStats(props: { fund: Fund; asOf?: boolean }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const f = props.fund;
  return (
    <Stats>
      <Stat label={t('balance.contributed')} value={<Money value={f.contributed} />} />
      <Stat label={t('balance.committed')} value={<Money value={f.committed} />} />
      <Stat label={t('balance.disbursed')} value={<Money value={f.disbursed} />} />
      <Stat label={t('balance.available')} value={<Money value={f.available} />} />
      <Stat label={t('balance.outstanding')} value={<Money value={f.outstandingCommitments} />} />
      {props.asOf ? null : <Stat label={t('balance.reserved')} value={<Money value={f.reserved} />} />}
      <Stat label={t('balance.grantsApproved')} value={format.integer(f.grantsApproved)} />
    </Stats>
  );
}

/** Names of a query's items by id, for the tables that only have ids. */
export function namesOf<T>(
  query: UseQueryResult<readonly T[]>,
  id: (item: T) => string,
  name: (item: T) => string,
): (key: string) => string {
  const map = new Map((query.data ?? []).map((item) => [id(item), name(item)]));
  return (key) => map.get(key) ?? key;
}
