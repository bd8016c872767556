import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { api } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import {
  AmountField,
  CheckboxField,
  CommandForm,
  DateField,
  SelectField,
  TextField,
  useAmountSchema,
  useDateSchema,
  useMoneyFigure,
  useRequired,
  useToMoney,
} from '../../ui/forms';
import { Card, DataState, DateText, Money, PageTitle, Rate, Success } from '../../ui/kit';
import { DataTable, byAmount, byText } from '../../ui/table';
import {
  isPending,
  today,
  useCompanies,
  useCompany,
  useMembers,
  type Company,
  type CompanySummary,
  type Convention,
  type Deposit,
  type Member,
  type PendingAnswer,
} from './model';
import { GuaranteeList } from './guarantees';
import { CompanyStats, ConventionStatusBadge, HeadroomGauge, PendingNotice, StandingBadge } from './parts';

const CURRENCIES = ['XOF', 'MAD', 'TND', 'EUR', 'USD'] as const;
export const BANKS = ['CNCAS', 'BICIS'] as const;

/** Every company, with its figures, and the form that registers one. */
export function CompaniesScreen() {
  const { t } = useTranslation('guaranteeOfficer');
  const companies = useCompanies();
  const navigate = useNavigate();
  const required = useRequired();
  const dateSchema = useDateSchema();
  const schema = z.object({ name: required(), currency: z.enum(CURRENCIES), registeredOn: dateSchema() });
  return (
    <>
      <PageTitle>{t('companies.title')}</PageTitle>
      <Card title={t('companies.list')} wide>
        <DataState query={companies}>
          {(list) => (
            <DataTable<CompanySummary>
              id="societes"
              caption={t('companies.list')}
              rows={list}
              rowKey={(c) => c.companyId}
              filterText={(c) => `${c.name} ${c.currency}`}
              empty={t('companies.none')}
              columns={[
                {
                  key: 'name',
                  header: t('companies.name'),
                  cell: (c) => <Link to={`/guarantees/companies/${c.companyId}`}>{c.name}</Link>,
                  sort: (a, b) => byText(a.name, b.name),
                },
                { key: 'currency', header: t('companies.currency'), cell: (c) => c.currency },
                {
                  key: 'fund',
                  header: t('figures.fundBalance'),
                  numeric: true,
                  cell: (c) => <Money value={c.fundBalance} />,
                  sort: (a, b) => byAmount(a.fundBalance.amountMinor, b.fundBalance.amountMinor),
                },
                {
                  key: 'capacity',
                  header: t('figures.capacity'),
                  numeric: true,
                  cell: (c) => <Money value={c.capacity} />,
                },
                {
                  key: 'headroom',
                  header: t('figures.headroom'),
                  numeric: true,
                  cell: (c) => <Money value={c.headroom} />,
                  sort: (a, b) => byAmount(a.headroom.amountMinor, b.headroom.amountMinor),
                },
              ]}
            />
          )}
        </DataState>
      </Card>
      <Card title={t('companies.create')}>
        <CommandForm
          schema={schema}
          defaultValues={{ name: '', currency: 'XOF', registeredOn: today() }}
          label={t('companies.create')}
          submitLabel={t('companies.createSubmit')}
          send={(v, key) => api.post<{ companyId: string }>('/guarantee-companies', v, key)}
          onDone={(r) => navigate(`/guarantees/companies/${r.companyId}`)}
        >
          <TextField name="name" label={t('companies.name')} />
          <SelectField
            name="currency"
            label={t('companies.currency')}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
          <DateField name="registeredOn" label={t('companies.registeredOn')} />
        </CommandForm>
      </Card>
    </>
  );
}

/** One company: its figures and headroom, members, guarantee fund, conventions. */
export function CompanyScreen() {
  const { t } = useTranslation('guaranteeOfficer');
  const { companyId = '' } = useParams();
  const company = useCompany(companyId);
  return (
    <DataState query={company}>
      {(c) => (
        <>
          <PageTitle
            actions={
              <>
                <Link to={`/guarantees/guarantees?societe=${c.companyId}`}>{t('nav.guarantees')}</Link>{' '}
                <Link to={`/guarantees/conventions?societe=${c.companyId}`}>{t('nav.conventions')}</Link>{' '}
                <Link to={`/guarantees/policy?societe=${c.companyId}`}>{t('nav.policy')}</Link>
              </>
            }
          >
            {c.name}
          </PageTitle>
          <div className="grid">
            <Card title={t('company.figures', { currency: c.currency })} wide>
              <CompanyStats company={c} />
              <HeadroomGauge company={c} name={c.name} />
            </Card>
            <Members company={c} />
            <FundDeposits company={c} />
            <Card title={t('conventions.title')} wide>
              <ConventionsTable conventions={c.conventions} />
            </Card>
            <GuaranteeList company={c} />
          </div>
        </>
      )}
    </DataState>
  );
}

export function ConventionsTable(props: { conventions: readonly Convention[] }) {
  const { t } = useTranslation('guaranteeOfficer');
  return (
    <DataTable<Convention>
      id="conventions-societe"
      caption={t('conventions.list')}
      rows={props.conventions}
      rowKey={(c) => c.conventionId}
      empty={t('conventions.none')}
      columns={[
        {
          key: 'bank',
          header: t('conventions.bank'),
          cell: (c) => c.bankId,
          sort: (a, b) => byText(a.bankId, b.bankId),
        },
        { key: 'status', header: t('conventions.status'), cell: (c) => <ConventionStatusBadge status={c.status} /> },
        {
          key: 'open',
          header: t('conventions.openForIssuance'),
          cell: (c) => (c.openForIssuance ? t('yes') : t('no')),
        },
        { key: 'multiplier', header: t('conventions.multiplier'), cell: (c) => c.multiplier.ratio },
        { key: 'coverage', header: t('conventions.coverageRate'), cell: (c) => <Rate bp={c.coverageRateBp} /> },
        { key: 'validFrom', header: t('conventions.validFrom'), cell: (c) => <DateText value={c.validFrom} /> },
        { key: 'validUntil', header: t('conventions.validUntil'), cell: (c) => <DateText value={c.validUntil} /> },
        { key: 'capacity', header: t('figures.capacity'), numeric: true, cell: (c) => <Money value={c.capacity} /> },
        { key: 'headroom', header: t('figures.headroom'), numeric: true, cell: (c) => <Money value={c.headroom} /> },
      ]}
    />
  );
}

function Members(props: { company: Company }) {
  const { t } = useTranslation('guaranteeOfficer');
  const members = useMembers(props.company.companyId);
  const required = useRequired();
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const format = useFormat();
  const [done, setDone] = useState<string | null>(null);
  const currency = props.company.currency;
  const admitSchema = z.object({ name: required(), admittedOn: dateSchema() });
  const paymentSchema = z.object({ memberId: required(), amount: amountSchema(currency), paidOn: dateSchema() });
  const capitalSchema = z.object({ memberId: required(), amount: amountSchema(currency), subscribedOn: dateSchema() });
  return (
    <>
      <Card title={t('members.title')} wide>
        {done ? <Success>{done}</Success> : null}
        <DataState query={members}>
          {(list) => (
            <DataTable<Member>
              id="membres"
              caption={t('members.list')}
              rows={list}
              rowKey={(m) => m.memberId}
              filterText={(m) => m.name}
              empty={t('members.none')}
              columns={[
                { key: 'name', header: t('members.name'), cell: (m) => m.name, sort: (a, b) => byText(a.name, b.name) },
                { key: 'standing', header: t('members.standing'), cell: (m) => <StandingBadge member={m} /> },
                { key: 'admittedOn', header: t('members.admittedOn'), cell: (m) => <DateText value={m.admittedOn} /> },
                {
                  key: 'capital',
                  header: t('members.capitalSubscribed'),
                  numeric: true,
                  cell: (m) => <Money value={m.capitalSubscribed} />,
                },
                {
                  key: 'capitalPaid',
                  header: t('members.capitalPaid'),
                  numeric: true,
                  cell: (m) => <Money value={m.capitalPaid} />,
                },
                {
                  key: 'inForce',
                  header: t('figures.inForce'),
                  numeric: true,
                  cell: (m) => format.integer(m.guaranteesInForce),
                },
              ]}
            />
          )}
        </DataState>
      </Card>
      <Card title={t('members.admit')}>
        <CommandForm
          schema={admitSchema}
          defaultValues={{ name: '', admittedOn: today() }}
          label={t('members.admit')}
          submitLabel={t('members.admitSubmit')}
          send={(v, key) => api.post(`/guarantee-companies/${props.company.companyId}/members`, v, key)}
          onDone={(_r, v) => setDone(t('members.admitted', { name: v.name }))}
        >
          <TextField name="name" label={t('members.name')} />
          <DateField name="admittedOn" label={t('members.admittedOn')} />
        </CommandForm>
      </Card>
      <Card title={t('members.pay')}>
        <CommandForm
          schema={paymentSchema}
          defaultValues={{ memberId: '', amount: '', paidOn: today() }}
          label={t('members.pay')}
          submitLabel={t('members.paySubmit')}
          send={(v, key) =>
            api.post<{ capitalPaid: MoneyJson }>(
              `/guarantee-companies/${props.company.companyId}/members/${v.memberId}/capital-payments`,
              { amount: toMoney(v.amount, currency), paidOn: v.paidOn },
              key,
            )
          }
          onDone={(r) => setDone(t('members.paid', { total: format.money(r.capitalPaid) }))}
        >
          <SelectField
            name="memberId"
            label={t('members.member')}
            placeholder={t('choose')}
            options={(members.data ?? [])
              .filter((m) => m.status === 'active')
              .map((m) => ({ value: m.memberId, label: m.name }))}
          />
          <AmountField name="amount" label={t('members.paidAmount')} currency={currency} />
          <DateField name="paidOn" label={t('members.paidOn')} />
        </CommandForm>
      </Card>
      <Card title={t('members.subscribe')}>
        <CommandForm
          schema={capitalSchema}
          defaultValues={{ memberId: '', amount: '', subscribedOn: today() }}
          label={t('members.subscribe')}
          submitLabel={t('members.subscribeSubmit')}
          send={(v, key) =>
            api.post<{ capitalSubscribed: MoneyJson }>(
              `/guarantee-companies/${props.company.companyId}/members/${v.memberId}/capital-subscriptions`,
              { amount: toMoney(v.amount, currency), subscribedOn: v.subscribedOn },
              key,
            )
          }
          onDone={(r) => setDone(t('members.subscribed', { total: format.money(r.capitalSubscribed) }))}
        >
          <SelectField
            name="memberId"
            label={t('members.member')}
            placeholder={t('choose')}
            options={(members.data ?? [])
              .filter((m) => m.status === 'active')
              .map((m) => ({ value: m.memberId, label: m.name }))}
          />
          <AmountField name="amount" label={t('members.capitalAmount')} currency={currency} />
          <DateField name="subscribedOn" label={t('members.subscribedOn')} />
        </CommandForm>
      </Card>
    </>
  );
}

function FundDeposits(props: { company: Company }) {
  const { t } = useTranslation('guaranteeOfficer');
  const required = useRequired();
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const figure = useMoneyFigure();
  const format = useFormat();
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  const c = props.company;
  const currency = c.currency;
  const deposits = c.deposits ?? [];
  const label = (d: Deposit) =>
    `${d.bankId} — ${d.termDepositReference ?? ''} — ${format.money(d.amount)} (${format.date(d.depositedOn)})`;
  const depositSchema = z.object({
    bankId: required(),
    amount: amountSchema(currency),
    termDepositReference: required(),
    depositedOn: dateSchema(),
  });
  const withdrawalSchema = z.object({
    depositId: required(),
    amount: amountSchema(currency),
    withdrawnOn: dateSchema(),
    overrideHeadroom: z.boolean(),
    reason: z.string(),
  });
  const reversalSchema = z.object({ depositId: required(), reason: required(), correctedOn: dateSchema() });
  const show = (result: unknown, what: string, message: () => string) => {
    if (isPending(result)) {
      setDone(null);
      setPending(result);
      setPendingWhat(what);
    } else {
      setPending(null);
      setDone(message());
    }
  };
  const [pendingWhat, setPendingWhat] = useState('');
  return (
    <>
      <Card title={t('deposits.title')} wide>
        {done ? <Success>{done}</Success> : null}
        {pending ? <PendingNotice answer={pending} what={pendingWhat} /> : null}
        <DataTable<Deposit>
          id="depots"
          caption={t('deposits.list')}
          rows={deposits}
          rowKey={(d) => d.depositId}
          empty={t('deposits.none')}
          columns={[
            { key: 'depositedOn', header: t('deposits.depositedOn'), cell: (d) => <DateText value={d.depositedOn} /> },
            { key: 'bank', header: t('deposits.bank'), cell: (d) => d.bankId },
            { key: 'reference', header: t('deposits.reference'), cell: (d) => d.termDepositReference ?? '' },
            { key: 'amount', header: t('deposits.amount'), numeric: true, cell: (d) => <Money value={d.amount} /> },
            {
              key: 'withdrawn',
              header: t('deposits.withdrawn'),
              numeric: true,
              cell: (d) => <Money value={d.withdrawn} />,
            },
          ]}
        />
      </Card>
      <Card title={t('deposits.record')}>
        <CommandForm
          schema={depositSchema}
          defaultValues={{ bankId: 'CNCAS', amount: '', termDepositReference: '', depositedOn: today() }}
          label={t('deposits.record')}
          submitLabel={t('deposits.recordSubmit')}
          send={(v, key) =>
            api.post<{ fundBalance: MoneyJson }>(
              `/guarantee-companies/${c.companyId}/fund-deposits`,
              { ...v, amount: toMoney(v.amount, currency) },
              key,
            )
          }
          onDone={(r, v) =>
            show(r, t('deposits.record'), () =>
              t('deposits.recorded', {
                amount: format.money(toMoney(v.amount, currency)),
                total: format.money(r.fundBalance),
              }),
            )
          }
        >
          <SelectField name="bankId" label={t('deposits.bank')} options={BANKS.map((b) => ({ value: b, label: b }))} />
          <AmountField name="amount" label={t('deposits.amount')} currency={currency} />
          <TextField name="termDepositReference" label={t('deposits.reference')} />
          <DateField name="depositedOn" label={t('deposits.depositedOn')} />
        </CommandForm>
      </Card>
      <Card title={t('withdrawals.title')}>
        <CommandForm
          schema={withdrawalSchema}
          defaultValues={{ depositId: '', amount: '', withdrawnOn: today(), overrideHeadroom: false, reason: '' }}
          label={t('withdrawals.title')}
          submitLabel={t('withdrawals.submit')}
          confirm={(v) => ({
            title: t('withdrawals.confirmTitle'),
            confirmLabel: t('withdrawals.confirm'),
            warning: v.overrideHeadroom ? t('withdrawals.overrideWarning') : undefined,
            figures: [
              { label: t('deposits.amount'), value: figure(toMoney(v.amount, currency)) },
              { label: t('figures.headroom'), value: figure(c.headroom) },
              { label: t('withdrawals.withdrawnOn'), value: format.date(v.withdrawnOn) },
            ],
          })}
          send={(v, key) =>
            api.post<{ fundBalance: MoneyJson }>(
              `/guarantee-companies/${c.companyId}/fund-deposits/${v.depositId}/withdrawals`,
              {
                amount: toMoney(v.amount, currency),
                withdrawnOn: v.withdrawnOn,
                ...(v.overrideHeadroom ? { overrideHeadroom: true, reason: v.reason } : {}),
              },
              key,
            )
          }
          onDone={(r, v) =>
            show(r, t('withdrawals.title'), () =>
              t('withdrawals.done', {
                amount: format.money(toMoney(v.amount, currency)),
                total: format.money(r.fundBalance),
              }),
            )
          }
        >
          <SelectField
            name="depositId"
            label={t('withdrawals.deposit')}
            placeholder={t('choose')}
            options={deposits.map((d) => ({ value: d.depositId, label: label(d) }))}
          />
          <AmountField name="amount" label={t('withdrawals.amount')} currency={currency} />
          <DateField name="withdrawnOn" label={t('withdrawals.withdrawnOn')} />
          <CheckboxField name="overrideHeadroom" label={t('withdrawals.override')} />
          <TextField name="reason" label={t('withdrawals.reason')} multiline />
        </CommandForm>
      </Card>
      <Card title={t('reversals.title')}>
        <CommandForm
          schema={reversalSchema}
          defaultValues={{ depositId: '', reason: '', correctedOn: today() }}
          label={t('reversals.title')}
          submitLabel={t('reversals.submit')}
          confirm={(v) => {
            const d = deposits.find((x) => x.depositId === v.depositId);
            return {
              title: t('reversals.confirmTitle'),
              confirmLabel: t('reversals.confirm'),
              figures: [
                { label: t('deposits.amount'), value: d ? figure(d.amount) : '' },
                { label: t('deposits.reference'), value: d?.termDepositReference ?? '' },
                { label: t('reversals.reason'), value: v.reason },
              ],
            };
          }}
          send={(v, key) =>
            api.post<{ fundBalance: MoneyJson }>(
              `/guarantee-companies/${c.companyId}/fund-deposits/${v.depositId}/reversal`,
              { reason: v.reason, correctedOn: v.correctedOn },
              key,
            )
          }
          onDone={(r) =>
            show(r, t('reversals.title'), () => t('reversals.done', { total: format.money(r.fundBalance) }))
          }
        >
          <SelectField
            name="depositId"
            label={t('withdrawals.deposit')}
            placeholder={t('choose')}
            options={deposits.map((d) => ({ value: d.depositId, label: label(d) }))}
          />
          <TextField name="reason" label={t('reversals.reason')} multiline />
          <DateField name="correctedOn" label={t('reversals.correctedOn')} />
        </CommandForm>
      </Card>
    </>
  );
}
