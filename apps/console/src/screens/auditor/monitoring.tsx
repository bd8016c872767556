import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import { api, ApiError, q } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import { ChartCanvas } from '../../ui/chart';
import { Card, DataState, ErrorNotice, Money, PageTitle, Rate, Stat, Stats, Success } from '../../ui/kit';
import { DateField, SelectField } from '../../ui/forms';
import { CsvDialectChoice, dialectParam, useCsvDialect } from './exports';
import { useDecimal, useFieldRefusal } from './model';

interface Ratio {
  readonly ratio: string;
  readonly decimal: string;
}
interface Report {
  readonly scope: string;
  readonly readModelsPosition: string;
  readonly cofinancing: readonly {
    readonly currency: string;
    readonly funds: number;
    readonly grantsApproved: number;
    readonly networksReached: number;
    readonly firmsReached: number;
    readonly womenOwnedFirms: number;
    readonly eligibleCost: MoneyJson;
    readonly subsidy: MoneyJson;
    readonly subsidyPerFirm: MoneyJson | null;
    readonly privateCofinancingPerUnitOfSubsidy: Ratio | null;
    readonly effectiveRate: { readonly bp: number } | null;
    readonly effectiveRateByParticipationYear: readonly {
      readonly participationYear: number;
      readonly grantsApproved: number;
      readonly subsidy: MoneyJson;
      readonly effectiveRateBp: number | null;
    }[];
  }[];
  readonly guarantees: readonly {
    readonly currency: string;
    readonly companies: number;
    readonly members: number;
    readonly guaranteesIssued: number;
    readonly creditMobilised: MoneyJson;
    readonly guaranteeFund: MoneyJson;
    readonly guaranteeFundBalance: MoneyJson;
    readonly creditPerUnitOfGuaranteeFund: Ratio | null;
    readonly calls: number;
    readonly claimsPaid: MoneyJson;
    readonly recoveries: MoneyJson;
    readonly callRate: { readonly bp: number } | null;
    readonly recoveryRate: { readonly bp: number } | null;
  }[];
}

const SCOPES = ['programme', 'fund', 'company'] as const;
type Scope = (typeof SCOPES)[number];

interface MonitoringForm {
  scope: Scope;
  id: string;
  from: string;
  to: string;
}

const COLORS = ['#1f5f99', '#c77c02', '#2f8f46', '#7a3e9d'];

/**
 * The monitoring report for donors and evaluators: reach, subsidy, the effective subsidy rate by
 * participation year, leverage of the guarantee funds, call and recovery rates — for the whole
 * programme, one fund or one company, over a period; and the same figures as a CSV file.
 */
export function Monitoring() {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const refusal = useFieldRefusal();
  const decimal = useDecimal();
  const [params, setParams] = useSearchParams();
  const scope: Scope = (SCOPES as readonly string[]).includes(params.get('scope') ?? '')
    ? (params.get('scope') as Scope)
    : 'programme';
  const id = scope === 'programme' ? '' : (params.get('id') ?? '');
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [dialect, setDialect] = useCsvDialect();
  const [downloaded, setDownloaded] = useState<{ file: string; standard: boolean } | null>(null);
  const [downloadFailure, setDownloadFailure] = useState<unknown>(null);

  const form = useForm<MonitoringForm>({ defaultValues: { scope, id, from, to } });
  const chosenScope = useWatch({ control: form.control, name: 'scope' });
  const funds = useQuery({
    queryKey: ['audit-monitoring-funds'],
    enabled: chosenScope === 'fund',
    queryFn: () => api.all<{ fundId: string; name: string; currency: string }>('/cofinancing/funds'),
  });
  const companies = useQuery({
    queryKey: ['audit-monitoring-companies'],
    enabled: chosenScope === 'company',
    queryFn: () => api.all<{ companyId: string; name: string; currency: string }>('/guarantee-companies'),
  });
  const options =
    chosenScope === 'fund'
      ? (funds.data ?? []).map((f) => ({ value: f.fundId, label: `${f.name} (${f.currency})` }))
      : (companies.data ?? []).map((c) => ({ value: c.companyId, label: `${c.name} (${c.currency})` }));

  const query = q({ scope, id: id || undefined, from, to });
  const ready = scope === 'programme' || Boolean(id);
  const report = useQuery({
    queryKey: ['audit-monitoring', scope, id, from, to],
    enabled: ready,
    queryFn: () => api.get<Report>(`/audit/monitoring${query}`),
  });
  const problem = refusal(report.error, ['from', 'to', 'id']);
  useEffect(() => {
    if (problem) form.setError(problem.field as 'from' | 'to' | 'id', { type: 'server', message: problem.message });
  }, [problem?.field, problem?.message, report.errorUpdatedAt]);

  const submit = form.handleSubmit((values) => {
    if (values.scope !== 'programme' && !values.id) {
      form.setError('id', { type: 'client', message: t('asOf.pickOne') });
      return;
    }
    const next = {
      scope: values.scope,
      id: values.scope === 'programme' ? '' : values.id,
      from: values.from,
      to: values.to,
    };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== '')));
  });

  const downloadCsv = async () => {
    setDownloaded(null);
    setDownloadFailure(null);
    const file = `${t('monitoring.file', { scope: t(`monitoring.scopes.${scope}`) })}.csv`;
    const path = (d: string | undefined) =>
      `/audit/monitoring${q({ scope, id: id || undefined, from, to, format: 'csv', dialect: d })}`;
    try {
      await api.download(path(dialectParam(dialect)), file);
      setDownloaded({ file, standard: false });
    } catch (error) {
      // An API without the French dialect on this report refuses the parameter: the standard CSV, said so.
      if (error instanceof ApiError && error.forField('dialect').length && dialect === 'excel-fr') {
        try {
          await api.download(path(undefined), file);
          setDownloaded({ file, standard: true });
        } catch (again) {
          setDownloadFailure(again);
        }
      } else setDownloadFailure(error);
    }
  };

  const rates = useMemo<ChartConfiguration | null>(() => {
    if (!report.data) return null;
    const years = [
      ...new Set(
        report.data.cofinancing.flatMap((c) => c.effectiveRateByParticipationYear.map((y) => y.participationYear)),
      ),
    ].sort((a, b) => a - b);
    return {
      type: 'bar',
      data: {
        labels: years.map((y) => t('monitoring.year', { year: y })),
        datasets: report.data.cofinancing.map((c, i) => ({
          label: t('monitoring.rateSeries', { currency: c.currency }),
          data: years.map((y) => {
            const bp = c.effectiveRateByParticipationYear.find((r) => r.participationYear === y)?.effectiveRateBp;
            return bp === null || bp === undefined ? null : bp / 100;
          }),
          backgroundColor: COLORS[i % COLORS.length],
        })),
      },
      options: {
        scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }, [report.data, t]);

  return (
    <>
      <PageTitle>{t('monitoring.title')}</PageTitle>
      <p>{t('monitoring.intro')}</p>
      <Card title={t('monitoring.choose')} wide>
        <FormProvider {...form}>
          <form className="filters" onSubmit={submit} aria-label={t('monitoring.choose')} noValidate>
            <SelectField
              name="scope"
              label={t('monitoring.scope')}
              options={SCOPES.map((s) => ({ value: s, label: t(`monitoring.scopes.${s}`) }))}
            />
            {chosenScope !== 'programme' ? (
              <SelectField
                key={chosenScope}
                name="id"
                label={t(`asOf.pick.${chosenScope === 'fund' ? 'fund' : 'company'}`)}
                placeholder={t('asOf.pickPlaceholder')}
                options={options}
              />
            ) : null}
            <DateField name="from" label={t('monitoring.from')} />
            <DateField name="to" label={t('monitoring.to')} />
            <div className="actions">
              <button type="submit" className="primary">
                {t('common:action.show')}
              </button>
            </div>
          </form>
        </FormProvider>
      </Card>
      {!ready ? null : problem ? null : (
        <DataState query={report}>
          {(data) => (
            <div className="grid">
              {data.cofinancing.map((c) => (
                <Card key={`c-${c.currency}`} title={t('monitoring.cofinancing', { currency: c.currency })}>
                  <Stats>
                    <Stat label={t('monitoring.grantsApproved')} value={format.integer(c.grantsApproved)} />
                    <Stat label={t('monitoring.networksReached')} value={format.integer(c.networksReached)} />
                    <Stat label={t('monitoring.firmsReached')} value={format.integer(c.firmsReached)} />
                    <Stat label={t('monitoring.womenOwnedFirms')} value={format.integer(c.womenOwnedFirms)} />
                    <Stat label={t('monitoring.subsidy')} value={<Money value={c.subsidy} />} />
                    <Stat label={t('monitoring.subsidyPerFirm')} value={<Money value={c.subsidyPerFirm} />} />
                    <Stat
                      label={t('monitoring.privatePerSubsidy')}
                      value={decimal(c.privateCofinancingPerUnitOfSubsidy?.decimal)}
                    />
                    <Stat label={t('monitoring.effectiveRate')} value={<Rate bp={c.effectiveRate?.bp} />} />
                  </Stats>
                  <table className="data">
                    <caption>{t('monitoring.byYear')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('monitoring.participationYear')}</th>
                        <th scope="col" className="num">
                          {t('monitoring.grantsApproved')}
                        </th>
                        <th scope="col" className="num">
                          {t('monitoring.subsidy')}
                        </th>
                        <th scope="col" className="num">
                          {t('monitoring.effectiveRate')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.effectiveRateByParticipationYear.map((y) => (
                        <tr key={y.participationYear}>
                          <td data-label={t('monitoring.participationYear')}>{y.participationYear}</td>
                          <td className="num" data-label={t('monitoring.grantsApproved')}>
                            {format.integer(y.grantsApproved)}
                          </td>
                          <td className="num" data-label={t('monitoring.subsidy')}>
                            <Money value={y.subsidy} />
                          </td>
                          <td className="num" data-label={t('monitoring.effectiveRate')}>
                            <Rate bp={y.effectiveRateBp} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </Card>
              ))}
              {rates && data.cofinancing.length ? (
                <Card title={t('monitoring.rateChart')}>
                  <ChartCanvas config={rates} label={t('monitoring.rateChartLabel')} />
                </Card>
              ) : null}
              {data.guarantees.map((g) => (
                <Card key={`g-${g.currency}`} title={t('monitoring.guarantees', { currency: g.currency })}>
                  <Stats>
                    <Stat label={t('monitoring.companies')} value={format.integer(g.companies)} />
                    <Stat label={t('monitoring.members')} value={format.integer(g.members)} />
                    <Stat label={t('monitoring.guaranteesIssued')} value={format.integer(g.guaranteesIssued)} />
                    <Stat label={t('monitoring.creditMobilised')} value={<Money value={g.creditMobilised} />} />
                    <Stat label={t('monitoring.guaranteeFund')} value={<Money value={g.guaranteeFund} />} />
                    <Stat
                      label={t('monitoring.leverage')}
                      value={
                        g.creditPerUnitOfGuaranteeFund ? `× ${decimal(g.creditPerUnitOfGuaranteeFund.decimal)}` : '—'
                      }
                    />
                    <Stat label={t('monitoring.calls')} value={format.integer(g.calls)} />
                    <Stat label={t('monitoring.claimsPaid')} value={<Money value={g.claimsPaid} />} />
                    <Stat label={t('monitoring.recoveries')} value={<Money value={g.recoveries} />} />
                    <Stat label={t('monitoring.callRate')} value={<Rate bp={g.callRate?.bp} />} />
                    <Stat label={t('monitoring.recoveryRate')} value={<Rate bp={g.recoveryRate?.bp} />} />
                  </Stats>
                </Card>
              ))}
              <Card title={t('monitoring.download')} wide>
                <p>{t('monitoring.position', { position: format.integer(BigInt(data.readModelsPosition)) })}</p>
                <CsvDialectChoice value={dialect} onChange={setDialect} />
                <div className="actions">
                  <button type="button" onClick={() => void downloadCsv()}>
                    {t('exports.downloadCsv')}
                  </button>
                </div>
                {downloaded ? (
                  <Success>
                    {t('exports.done', { file: downloaded.file })}
                    {downloaded.standard ? ` ${t('monitoring.standardOnly')}` : ''}
                  </Success>
                ) : null}
                <ErrorNotice error={downloadFailure} />
              </Card>
            </div>
          )}
        </DataState>
      )}
    </>
  );
}
