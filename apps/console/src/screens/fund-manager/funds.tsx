import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import { z } from 'zod';
import { api, q } from '../../api';
import { useFormat } from '../../locale';
import { chartValue, type MoneyJson } from '../../money';
import { ChartCanvas } from '../../ui/chart';
import {
  AmountField,
  CommandForm,
  DateField,
  SelectField,
  TextField,
  useAmountSchema,
  useDateSchema,
  useRequired,
  useToMoney,
} from '../../ui/forms';
import { Card, DataState, DateText, Money, PageTitle, Success } from '../../ui/kit';
import { DataTable, byAmount, byText } from '../../ui/table';
import { today, useDonors, useFund, useFunds, type Donor, type Fund } from './model';
import { FundStats } from './parts';

const CURRENCIES = ['MAD', 'TND', 'XOF', 'EUR', 'USD'] as const;

/** Every fund, with its balances, and the form that creates one. */
export function FundsScreen() {
  const { t } = useTranslation('fundManager');
  const funds = useFunds();
  const navigate = useNavigate();
  const required = useRequired();
  const dateSchema = useDateSchema();
  const schema = z.object({ name: required(), currency: z.enum(CURRENCIES), createdOn: dateSchema() });
  return (
    <>
      <PageTitle>{t('funds.title')}</PageTitle>
      <Card title={t('funds.list')} wide>
        <DataState query={funds}>
          {(list) => (
            <div className="fm-same-caption">
              <DataTable<Fund>
                id="fonds"
                caption={t('funds.list')}
                rows={list}
                rowKey={(f) => f.fundId}
                filterText={(f) => `${f.name} ${f.currency}`}
                empty={t('funds.none')}
                columns={[
                  {
                    key: 'name',
                    header: t('funds.name'),
                    cell: (f) => <Link to={`/cofinancing/funds/${f.fundId}`}>{f.name}</Link>,
                    sort: (a, b) => byText(a.name, b.name),
                  },
                  { key: 'currency', header: t('funds.currency'), cell: (f) => f.currency },
                  { key: 'createdOn', header: t('funds.createdOn'), cell: (f) => <DateText value={f.createdOn} /> },
                  {
                    key: 'contributed',
                    header: t('balance.contributed'),
                    numeric: true,
                    cell: (f) => <Money value={f.contributed} />,
                    sort: (a, b) => byAmount(a.contributed.amountMinor, b.contributed.amountMinor),
                  },
                  {
                    key: 'committed',
                    header: t('balance.committed'),
                    numeric: true,
                    cell: (f) => <Money value={f.committed} />,
                  },
                  {
                    key: 'available',
                    header: t('balance.available'),
                    numeric: true,
                    cell: (f) => <Money value={f.available} />,
                    sort: (a, b) => byAmount(a.available.amountMinor, b.available.amountMinor),
                  },
                ]}
              />
            </div>
          )}
        </DataState>
      </Card>
      <Card title={t('funds.create')}>
        <CommandForm
          schema={schema}
          defaultValues={{ name: '', currency: 'MAD', createdOn: today() }}
          label={t('funds.create')}
          submitLabel={t('funds.createSubmit')}
          send={(v, key) => api.post<{ fundId: string }>('/cofinancing/funds', v, key)}
          onDone={(result) => navigate(`/cofinancing/funds/${result.fundId}`)}
        >
          <TextField name="name" label={t('funds.name')} />
          <SelectField
            name="currency"
            label={t('funds.currency')}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
          <DateField name="createdOn" label={t('funds.createdOn')} />
        </CommandForm>
      </Card>
    </>
  );
}

/** One fund: its balances over time, its donors and contributions, and the forms that add them. */
export function FundScreen() {
  const { t } = useTranslation('fundManager');
  const { fundId = '' } = useParams();
  const fund = useFund(fundId);
  return (
    <DataState query={fund}>
      {(f) => (
        <>
          <PageTitle
            actions={
              <>
                <Link to={`/cofinancing/windows?fonds=${f.fundId}`}>{t('nav.windows')}</Link>{' '}
                <Link to={`/cofinancing/policy?fonds=${f.fundId}`}>{t('nav.policy')}</Link>
              </>
            }
          >
            {f.name}
          </PageTitle>
          <div className="grid">
            <Card title={t('fund.balances', { currency: f.currency })} wide>
              <FundStats fund={f} />
            </Card>
            <AsOfBalances fund={f} />
            <Card title={t('fund.history')} wide>
              <BalanceChart fund={f} />
            </Card>
            <Donors fund={f} />
          </div>
        </>
      )}
    </DataState>
  );
}

/** The fund's balances as of a past date (`?au=` in the address), as the ledger knew them then. */
function AsOfBalances(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const [params, setParams] = useSearchParams();
  const asOf = params.get('au') ?? '';
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const balances = useQuery({
    queryKey: ['cofinancing', 'fund-as-of', props.fund.fundId, asOf],
    queryFn: () => api.get<Fund>(`/cofinancing/funds/${props.fund.fundId}${q({ asOf })}`),
    enabled: valid,
  });
  return (
    <Card title={t('fund.asOfTitle')} wide>
      <div className="toolbar">
        <label className="field">
          <span>{t('fund.asOf')}</span>
          <input
            type="date"
            value={asOf}
            min={props.fund.createdOn}
            max={today()}
            onChange={(e) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  if (e.target.value) next.set('au', e.target.value);
                  else next.delete('au');
                  return next;
                },
                { replace: true },
              )
            }
          />
        </label>
      </div>
      {valid ? (
        <DataState query={balances}>{(b) => <FundStats fund={b} asOf />}</DataState>
      ) : (
        <p className="hint">{t('fund.asOfHint')}</p>
      )}
    </Card>
  );
}

interface BalanceHistory {
  points: {
    asOf: string;
    contributed: MoneyJson;
    committed: MoneyJson;
    disbursed: MoneyJson;
    available: MoneyJson;
  }[];
}

export function BalanceChart(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const history = useQuery({
    queryKey: ['cofinancing', 'balance-history', props.fund.fundId],
    queryFn: () =>
      api.get<BalanceHistory>(`/cofinancing/funds/${props.fund.fundId}/balance-history${q({ to: today() })}`),
  });
  const config = useMemo<ChartConfiguration | null>(() => {
    const points = history.data?.points;
    if (!points) return null;
    const series = (key: 'contributed' | 'committed' | 'disbursed' | 'available', color: string) => ({
      label: t(`balance.${key}`),
      data: points.map((p) => chartValue(p[key])),
      borderColor: color,
      backgroundColor: color,
      pointRadius: 0,
      borderWidth: 2,
      stepped: true as const,
    });
    return {
      type: 'line',
      data: {
        labels: points.map((p) => format.date(p.asOf)),
        datasets: [
          series('contributed', '#1f5f99'),
          series('committed', '#c77c02'),
          series('disbursed', '#2f8f46'),
          series('available', '#7a3e9d'),
        ],
      },
      options: {
        scales: {
          x: { ticks: { maxTicksLimit: 12 } },
          y: { ticks: { callback: (v) => format.integer(Number(v)) } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }, [history.data, t, format]);
  return (
    <DataState query={history} isEmpty={(h) => h.points.length === 0} empty={t('fund.noHistory')}>
      {() =>
        config ? <ChartCanvas config={config} label={t('fund.historyLabel', { fund: props.fund.name })} /> : null
      }
    </DataState>
  );
}

function Donors(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const donors = useDonors(props.fund.fundId);
  const required = useRequired();
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const format = useFormat();
  const [done, setDone] = useState<string | null>(null);
  const currency = props.fund.currency;
  const donorSchema = z.object({ name: required(), registeredOn: dateSchema() });
  const contributionSchema = z.object({
    donorId: required(),
    amount: amountSchema(currency),
    receivedOn: dateSchema(),
    reference: required(),
  });
  const contributions = (list: readonly Donor[]) =>
    list.flatMap((d) => d.contributions.map((c) => ({ ...c, donor: d.name })));
  return (
    <>
      <Card title={t('donors.title')} wide>
        {done ? <Success>{done}</Success> : null}
        <DataState query={donors}>
          {(list) => (
            <>
              <DataTable<Donor>
                id="donateurs"
                caption={t('donors.list')}
                rows={list}
                rowKey={(d) => d.donorId}
                empty={t('donors.none')}
                columns={[
                  {
                    key: 'name',
                    header: t('donors.name'),
                    cell: (d) => d.name,
                    sort: (a, b) => byText(a.name, b.name),
                  },
                  {
                    key: 'registeredOn',
                    header: t('donors.registeredOn'),
                    cell: (d) => <DateText value={d.registeredOn} />,
                  },
                  {
                    key: 'contributed',
                    header: t('balance.contributed'),
                    numeric: true,
                    cell: (d) => <Money value={d.contributed} />,
                    sort: (a, b) => byAmount(a.contributed.amountMinor, b.contributed.amountMinor),
                  },
                ]}
              />
              <DataTable
                id="contributions"
                caption={t('contributions.title')}
                rows={contributions(list)}
                rowKey={(c) => c.contributionId}
                empty={t('contributions.none')}
                filterText={(c) => `${c.donor} ${c.reference}`}
                defaultSort={{ key: 'receivedOn', descending: true }}
                columns={[
                  {
                    key: 'receivedOn',
                    header: t('contributions.receivedOn'),
                    cell: (c) => <DateText value={c.receivedOn} />,
                    sort: (a, b) => byText(a.receivedOn, b.receivedOn),
                  },
                  { key: 'donor', header: t('contributions.donor'), cell: (c) => c.donor },
                  { key: 'reference', header: t('contributions.reference'), cell: (c) => c.reference },
                  {
                    key: 'amount',
                    header: t('contributions.amount'),
                    numeric: true,
                    cell: (c) => <Money value={c.amount} />,
                    sort: (a, b) => byAmount(a.amount.amountMinor, b.amount.amountMinor),
                  },
                ]}
              />
            </>
          )}
        </DataState>
      </Card>
      <Card title={t('donors.register')}>
        <CommandForm
          schema={donorSchema}
          defaultValues={{ name: '', registeredOn: props.fund.createdOn }}
          label={t('donors.register')}
          submitLabel={t('donors.registerSubmit')}
          send={(v, key) => api.post(`/cofinancing/funds/${props.fund.fundId}/donors`, v, key)}
          onDone={(_r, v) => setDone(t('donors.registered', { name: v.name }))}
        >
          <TextField name="name" label={t('donors.name')} />
          <DateField name="registeredOn" label={t('donors.registeredOn')} />
        </CommandForm>
      </Card>
      <Card title={t('contributions.record')}>
        {donors.data && donors.data.length === 0 ? <p className="hint">{t('contributions.needDonor')}</p> : null}
        <CommandForm
          schema={contributionSchema}
          defaultValues={{ donorId: '', amount: '', receivedOn: today(), reference: '' }}
          label={t('contributions.record')}
          submitLabel={t('contributions.recordSubmit')}
          send={(v, key) =>
            api.post<{ contributed: MoneyJson }>(
              `/cofinancing/funds/${props.fund.fundId}/contributions`,
              {
                donorId: v.donorId,
                amount: toMoney(v.amount, currency),
                receivedOn: v.receivedOn,
                reference: v.reference,
              },
              key,
            )
          }
          onDone={(r, v) =>
            setDone(
              t('contributions.recorded', {
                amount: format.money(toMoney(v.amount, currency)),
                total: format.money(r.contributed),
              }),
            )
          }
        >
          <SelectField
            name="donorId"
            label={t('contributions.donor')}
            placeholder={t('choose')}
            options={(donors.data ?? []).map((d) => ({ value: d.donorId, label: d.name }))}
          />
          <AmountField name="amount" label={t('contributions.amount')} currency={currency} />
          <DateField name="receivedOn" label={t('contributions.receivedOn')} />
          <TextField name="reference" label={t('contributions.reference')} />
        </CommandForm>
      </Card>
    </>
  );
}
