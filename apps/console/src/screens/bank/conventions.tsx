import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { useFormat } from '../../locale';
import { useMe } from '../../shell';
import { Gauge } from '../../ui/chart';
import { Badge, Card, DataState, Money, PageTitle, Rate, Stat, Stats } from '../../ui/kit';
import { DataTable, byAmount, byText, type Column } from '../../ui/table';
import { bankPath, type BankConvention, type Headroom } from './model';

export function useBankConventions() {
  const { bankId } = useMe();
  return useQuery({
    queryKey: ['bank', bankId, 'conventions'],
    queryFn: () => api.all<BankConvention>(`${bankPath(bankId)}/conventions`),
  });
}

export const CONVENTION_TONE: Record<string, 'good' | 'warn' | 'neutral' | 'bad'> = {
  'in-force': 'good',
  'not-yet-in-force': 'warn',
  'not-signed': 'neutral',
  expired: 'neutral',
  terminated: 'bad',
};

/** The label a convention is picked by: its company's name, its validity and status. */
export function useConventionLabel() {
  const { t } = useTranslation('bank');
  const format = useFormat();
  return (c: BankConvention) =>
    t('conventions.option', {
      company: c.companyName ?? c.companyId,
      from: format.date(c.validFrom),
      until: format.date(c.validUntil),
      status: t(`conventionStatus.${c.status}`, { defaultValue: c.status }),
    });
}

/** Coverage and headroom of one of the bank's conventions, picked from its list (never a typed id). */
export function ConventionHeadroom() {
  const { t } = useTranslation('bank');
  const format = useFormat();
  const { bankId } = useMe();
  const [params, setParams] = useSearchParams();
  const selected = params.get('convention') ?? '';
  const conventions = useBankConventions();
  const label = useConventionLabel();
  const pickId = useId();
  const headroom = useQuery({
    queryKey: ['bank', bankId, 'headroom', selected],
    queryFn: () => api.get<Headroom>(`${bankPath(bankId)}/conventions/${encodeURIComponent(selected)}/headroom`),
    enabled: selected !== '',
  });
  const pick = (conventionId: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (conventionId) next.set('convention', conventionId);
      else next.delete('convention');
      return next;
    });

  const columns: Column<BankConvention>[] = [
    {
      key: 'company',
      header: t('conventions.company'),
      cell: (c) => c.companyName ?? c.companyId,
      sort: (a, b) => byText(a.companyName, b.companyName),
    },
    {
      key: 'status',
      header: t('conventions.status'),
      cell: (c) => (
        <Badge tone={CONVENTION_TONE[c.status]}>{t(`conventionStatus.${c.status}`, { defaultValue: c.status })}</Badge>
      ),
    },
    {
      key: 'validity',
      header: t('conventions.validity'),
      cell: (c) => t('conventions.period', { from: format.date(c.validFrom), until: format.date(c.validUntil) }),
      sort: (a, b) => byText(a.validFrom, b.validFrom),
    },
    { key: 'rate', header: t('loan.coverageRate'), cell: (c) => <Rate bp={c.coverageRateBp} />, numeric: true },
    {
      key: 'headroom',
      header: t('conventions.headroom'),
      cell: (c) => <Money value={c.headroom} />,
      sort: (a, b) => byAmount(a.headroom.amountMinor, b.headroom.amountMinor),
      numeric: true,
    },
    {
      key: 'pick',
      header: t('conventions.actions'),
      cell: (c) => (
        <button
          type="button"
          className="link"
          aria-label={t('conventions.showFor', { company: c.companyName ?? c.companyId })}
          onClick={() => pick(c.conventionId)}
        >
          {t('conventions.show')}
        </button>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('conventions.title')}</PageTitle>
      <DataState query={conventions} isEmpty={(rows) => rows.length === 0} empty={t('conventions.empty')}>
        {(rows) => (
          <div className="grid">
            <Card title={t('conventions.pickTitle')}>
              <div className="field">
                <label htmlFor={pickId}>{t('conventions.pick')}</label>
                <select id={pickId} value={selected} onChange={(e) => pick(e.target.value)}>
                  <option value="">{t('conventions.choose')}</option>
                  {rows.map((c) => (
                    <option key={c.conventionId} value={c.conventionId}>
                      {label(c)}
                    </option>
                  ))}
                </select>
              </div>
            </Card>
            {selected ? (
              <Card title={t('conventions.headroomTitle')}>
                <DataState query={headroom}>
                  {(h) => {
                    const convention = rows.find((c) => c.conventionId === h.conventionId);
                    const negative = BigInt(h.headroom.amountMinor) < 0n;
                    return (
                      <>
                        <p>
                          <strong>{convention ? (convention.companyName ?? convention.companyId) : h.companyId}</strong>{' '}
                          <Badge tone={CONVENTION_TONE[h.status]}>
                            {t(`conventionStatus.${h.status}`, { defaultValue: h.status })}
                          </Badge>
                        </p>
                        <Gauge
                          label={t('conventions.gauge')}
                          used={BigInt(h.outstanding.amountMinor)}
                          capacity={BigInt(h.capacity.amountMinor)}
                          caption={t('conventions.gaugeCaption', {
                            outstanding: format.money(h.outstanding),
                            capacity: format.money(h.capacity),
                          })}
                        />
                        <Stats>
                          <Stat
                            label={t('conventions.headroom')}
                            value={<Money value={h.headroom} />}
                            tone={negative ? 'bad' : 'good'}
                          />
                          <Stat label={t('conventions.capacity')} value={<Money value={h.capacity} />} />
                          <Stat label={t('conventions.outstanding')} value={<Money value={h.outstanding} />} />
                          <Stat label={t('conventions.fundBalance')} value={<Money value={h.fundBalance} />} />
                          <Stat
                            label={t('conventions.ceilingBasis')}
                            value={t(`ceilingBasis.${h.ceilingBasis}`, { defaultValue: h.ceilingBasis })}
                          />
                          <Stat
                            label={t('conventions.validity')}
                            value={t('conventions.period', {
                              from: format.date(h.validFrom),
                              until: format.date(h.validUntil),
                            })}
                          />
                        </Stats>
                        {negative ? <p className="bank-notice warn">{t('conventions.negative')}</p> : null}
                        {!h.openForIssuance ? <p className="bank-notice">{t('conventions.closed')}</p> : null}
                      </>
                    );
                  }}
                </DataState>
              </Card>
            ) : null}
            <Card title={t('conventions.listTitle')} wide>
              <div className="bank-scroll">
                <DataTable
                  id="conventions"
                  caption={t('conventions.caption')}
                  columns={columns}
                  rows={rows}
                  rowKey={(c) => c.conventionId}
                  filterText={(c) => c.companyName ?? c.companyId}
                  empty={t('conventions.empty')}
                />
              </div>
            </Card>
          </div>
        )}
      </DataState>
    </>
  );
}
