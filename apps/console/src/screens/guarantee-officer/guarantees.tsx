import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { api } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import {
  AmountField,
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
import { Card, DataState, DateText, Money, PageTitle, Rate, Stat, Stats, Success } from '../../ui/kit';
import { DataTable, byText } from '../../ui/table';
import {
  GUARANTEE_STATES,
  isPending,
  standingProblem,
  today,
  useCompany,
  useGuarantee,
  useGuarantees,
  useMembers,
  type CompanySummary,
  type Guarantee,
  type GuaranteeListItem,
  type GuaranteeState,
  type PendingAnswer,
} from './model';
import { CompanyStats, GuaranteeStateBadge, HeadroomGauge, PendingNotice, WithCompany } from './parts';

/** A company's guarantees: the issuance form and the list, searchable by loan reference. */
export function GuaranteesScreen() {
  const { t } = useTranslation('guaranteeOfficer');
  return (
    <>
      <PageTitle>{t('guarantees.title')}</PageTitle>
      <WithCompany>
        {(c) => (
          <div className="grid">
            <Issue company={c} />
            <GuaranteeList company={c} />
          </div>
        )}
      </WithCompany>
    </>
  );
}

function Issue(props: { company: CompanySummary }) {
  const { t } = useTranslation('guaranteeOfficer');
  const company = useCompany(props.company.companyId);
  const members = useMembers(props.company.companyId);
  const required = useRequired();
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const figure = useMoneyFigure();
  const format = useFormat();
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  const currency = props.company.currency;
  const eligible = (members.data ?? []).filter((m) => standingProblem(m) === null);
  const open = (company.data?.conventions ?? []).filter((c) => c.openForIssuance);
  const schema = z.object({
    memberId: required(),
    conventionId: required(),
    loanReference: required(),
    principal: amountSchema(currency),
    loanStartDate: dateSchema(),
    maturityDate: dateSchema(),
    issuedOn: dateSchema(),
  });
  const inThreeYears = `${Number(today().slice(0, 4)) + 3}${today().slice(4)}`;
  return (
    <>
      <Card title={t('company.figures', { currency })} wide>
        <DataState query={company}>
          {(c) => (
            <>
              <CompanyStats company={c} />
              <HeadroomGauge company={c} name={c.name} />
            </>
          )}
        </DataState>
      </Card>
      <Card title={t('guarantees.issue')} wide>
        {done ? <Success>{done}</Success> : null}
        {pending ? <PendingNotice answer={pending} what={t('guarantees.issue')} /> : null}
        <CommandForm
          schema={schema}
          defaultValues={{
            memberId: '',
            conventionId: open.length === 1 ? open[0]!.conventionId : '',
            loanReference: '',
            principal: '',
            loanStartDate: today(),
            maturityDate: inThreeYears,
            issuedOn: today(),
          }}
          label={t('guarantees.issue')}
          submitLabel={t('guarantees.issueSubmit')}
          confirm={(v) => {
            const convention = open.find((c) => c.conventionId === v.conventionId);
            return {
              title: t('guarantees.confirmTitle'),
              confirmLabel: t('guarantees.confirm'),
              figures: [
                { label: t('guarantees.member'), value: eligible.find((m) => m.memberId === v.memberId)?.name ?? '' },
                { label: t('guarantees.loanReference'), value: v.loanReference },
                { label: t('guarantees.principal'), value: figure(toMoney(v.principal, currency)) },
                { label: t('conventions.coverageRate'), value: format.bp(convention?.coverageRateBp ?? 0) },
                { label: t('guarantees.bank'), value: convention?.bankId ?? '' },
              ],
            };
          }}
          send={(v, key) =>
            api.post<{ guaranteeId: string; guaranteedAmount: MoneyJson; headroom: MoneyJson }>(
              `/bank-conventions/${v.conventionId}/guarantees`,
              {
                memberId: v.memberId,
                loanReference: v.loanReference,
                principal: toMoney(v.principal, currency),
                loanStartDate: v.loanStartDate,
                maturityDate: v.maturityDate,
                issuedOn: v.issuedOn,
              },
              key,
            )
          }
          onDone={(r, v) => {
            if (isPending(r)) {
              setDone(null);
              setPending(r);
            } else {
              setPending(null);
              setDone(
                t('guarantees.issued', {
                  reference: v.loanReference,
                  amount: format.money(r.guaranteedAmount),
                  headroom: format.money(r.headroom),
                }),
              );
            }
          }}
        >
          <SelectField
            name="memberId"
            label={t('guarantees.member')}
            placeholder={t('choose')}
            hint={t('guarantees.memberHint')}
            options={eligible.map((m) => ({ value: m.memberId, label: m.name }))}
          />
          <SelectField
            name="conventionId"
            label={t('guarantees.convention')}
            placeholder={t('choose')}
            hint={open.length === 0 ? t('guarantees.noOpenConvention') : undefined}
            options={open.map((c) => ({
              value: c.conventionId,
              label: t('guarantees.conventionOption', {
                bank: c.bankId,
                rate: format.bp(c.coverageRateBp),
                headroom: format.money(c.headroom),
              }),
            }))}
          />
          <TextField name="loanReference" label={t('guarantees.loanReference')} />
          <AmountField name="principal" label={t('guarantees.principal')} currency={currency} />
          <DateField name="loanStartDate" label={t('guarantees.loanStartDate')} />
          <DateField name="maturityDate" label={t('guarantees.maturityDate')} />
          <DateField name="issuedOn" label={t('guarantees.issuedOn')} />
        </CommandForm>
      </Card>
    </>
  );
}

export function GuaranteeList(props: { company: CompanySummary }) {
  const { t } = useTranslation('guaranteeOfficer');
  const [params, setParams] = useSearchParams();
  const loanReference = params.get('pret') ?? '';
  const stateParam = params.get('etat');
  const state = GUARANTEE_STATES.includes(stateParam as GuaranteeState) ? (stateParam as GuaranteeState) : undefined;
  const guarantees = useGuarantees({ companyId: props.company.companyId, loanReference, state });
  const members = useMembers(props.company.companyId);
  const names = new Map((members.data ?? []).map((m) => [m.memberId, m.name]));
  const set = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return (
    <Card title={t('guarantees.list')} wide>
      <div className="toolbar">
        <label className="field">
          <span>{t('guarantees.searchReference')}</span>
          <input type="search" value={loanReference} onChange={(e) => set('pret', e.target.value)} />
        </label>{' '}
        <label className="field">
          <span>{t('guarantees.state')}</span>
          <select value={state ?? ''} onChange={(e) => set('etat', e.target.value)}>
            <option value="">{t('guarantees.allStates')}</option>
            {GUARANTEE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`guaranteeState.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DataState query={guarantees}>
        {(list) => (
          <DataTable<GuaranteeListItem>
            id="garanties"
            caption={t('guarantees.list')}
            rows={list}
            rowKey={(g) => g.guaranteeId}
            empty={t('guarantees.none')}
            defaultSort={{ key: 'issuedOn', descending: true }}
            columns={[
              {
                key: 'reference',
                header: t('guarantees.loanReference'),
                cell: (g) => <Link to={`/guarantees/guarantees/${g.guaranteeId}`}>{g.loanReference}</Link>,
                sort: (a, b) => byText(a.loanReference, b.loanReference),
              },
              {
                key: 'member',
                header: t('guarantees.member'),
                cell: (g) => names.get(g.memberId) ?? '…',
                sort: (a, b) => byText(names.get(a.memberId), names.get(b.memberId)),
              },
              { key: 'bank', header: t('guarantees.bank'), cell: (g) => g.bankId },
              {
                key: 'issuedOn',
                header: t('guarantees.issuedOn'),
                cell: (g) => <DateText value={g.issuedOn} />,
                sort: (a, b) => byText(a.issuedOn, b.issuedOn),
              },
              { key: 'rate', header: t('conventions.coverageRate'), cell: (g) => <Rate bp={g.coverageRateBp} /> },
              { key: 'state', header: t('guarantees.state'), cell: (g) => <GuaranteeStateBadge state={g.status} /> },
            ]}
          />
        )}
      </DataState>
    </Card>
  );
}

/** One guarantee: its figures and the commands its state allows. */
export function GuaranteeScreen() {
  const { t } = useTranslation('guaranteeOfficer');
  const { guaranteeId = '' } = useParams();
  const guarantee = useGuarantee(guaranteeId);
  return (
    <DataState query={guarantee}>
      {(g) => (
        <>
          <PageTitle>{t('guarantee.title', { reference: g.loanReference })}</PageTitle>
          <GuaranteeDetail guarantee={g} />
        </>
      )}
    </DataState>
  );
}

function GuaranteeDetail(props: { guarantee: Guarantee }) {
  const { t } = useTranslation('guaranteeOfficer');
  const g = props.guarantee;
  const members = useMembers(g.companyId);
  const company = useCompany(g.companyId);
  const member = members.data?.find((m) => m.memberId === g.memberId)?.name ?? '…';
  const [done, setDone] = useState<string | null>(null);
  const claimLeft = g.claim ? BigInt(g.claim.amountMinor) - BigInt(g.claimPaid.amountMinor) : 0n;
  const recoverable = BigInt(g.claimPaid.amountMinor) - BigInt(g.recovered.amountMinor);
  return (
    <div className="grid">
      <Card title={t('guarantee.figures')} wide>
        {done ? <Success>{done}</Success> : null}
        <Stats>
          <Stat label={t('guarantees.state')} value={<GuaranteeStateBadge state={g.status} />} />
          <Stat label={t('guarantees.member')} value={member} />
          <Stat
            label={t('guarantee.company')}
            value={<Link to={`/guarantees/companies/${g.companyId}`}>{company.data?.name ?? '…'}</Link>}
          />
          <Stat label={t('guarantees.bank')} value={g.bankId} />
          <Stat label={t('guarantees.principal')} value={<Money value={g.principal} />} />
          <Stat label={t('conventions.coverageRate')} value={<Rate bp={g.coverageRateBp} />} />
          <Stat label={t('guarantee.guaranteedAmount')} value={<Money value={g.guaranteedAmount} />} />
          <Stat label={t('guarantee.outstandingPrincipal')} value={<Money value={g.outstandingPrincipal} />} />
          <Stat label={t('guarantee.guaranteedOutstanding')} value={<Money value={g.guaranteedOutstanding} />} />
          <Stat label={t('guarantees.loanStartDate')} value={<DateText value={g.loanStartDate} />} />
          <Stat label={t('guarantees.maturityDate')} value={<DateText value={g.maturityDate} />} />
          <Stat label={t('guarantees.issuedOn')} value={<DateText value={g.issuedOn} />} />
          {g.calledOn ? <Stat label={t('guarantee.calledOn')} value={<DateText value={g.calledOn} />} /> : null}
          {g.claim ? <Stat label={t('guarantee.claim')} value={<Money value={g.claim} />} /> : null}
          {g.claim ? <Stat label={t('guarantee.claimPaid')} value={<Money value={g.claimPaid} />} /> : null}
          {g.claim ? <Stat label={t('guarantee.recovered')} value={<Money value={g.recovered} />} /> : null}
        </Stats>
      </Card>
      <DataState query={company}>
        {(c) => (
          <Card title={t('company.headroomOf', { name: c.name })}>
            <HeadroomGauge company={c} name={c.name} />
          </Card>
        )}
      </DataState>
      {g.status === 'active' ? (
        <>
          <Repayment guarantee={g} onDone={setDone} />
          <Call guarantee={g} onDone={setDone} />
        </>
      ) : null}
      {g.status === 'called' && claimLeft > 0n ? <ClaimPayment guarantee={g} onDone={setDone} /> : null}
      {g.status === 'called' && recoverable > 0n ? <Recovery guarantee={g} onDone={setDone} /> : null}
    </div>
  );
}

interface ActionProps {
  guarantee: Guarantee;
  onDone: (message: string) => void;
}

const base = (g: Guarantee) => `/guarantees/${g.guaranteeId}`;

function Repayment(props: ActionProps) {
  const { t } = useTranslation('guaranteeOfficer');
  const g = props.guarantee;
  const amountSchema = useAmountSchema();
  const dateSchema = useDateSchema();
  const toMoney = useToMoney();
  const figure = useMoneyFigure();
  const format = useFormat();
  const currency = g.principal.currency;
  const schema = z.object({ amount: amountSchema(currency), repaidOn: dateSchema() });
  return (
    <Card title={t('repayment.title')}>
      <CommandForm
        schema={schema}
        defaultValues={{ amount: '', repaidOn: today() }}
        label={t('repayment.title')}
        submitLabel={t('repayment.submit')}
        confirm={(v) => ({
          title: t('repayment.confirmTitle'),
          confirmLabel: t('repayment.confirm'),
          figures: [
            { label: t('repayment.amount'), value: figure(toMoney(v.amount, currency)) },
            { label: t('guarantee.outstandingPrincipal'), value: figure(g.outstandingPrincipal) },
            { label: t('repayment.repaidOn'), value: format.date(v.repaidOn) },
          ],
        })}
        send={(v, key) =>
          api.post<{ outstandingPrincipal: MoneyJson }>(
            `${base(g)}/repayments`,
            { amount: toMoney(v.amount, currency), repaidOn: v.repaidOn },
            key,
          )
        }
        onDone={(r) => props.onDone(t('repayment.done', { outstanding: format.money(r.outstandingPrincipal) }))}
      >
        <AmountField name="amount" label={t('repayment.amount')} currency={currency} />
        <DateField name="repaidOn" label={t('repayment.repaidOn')} />
      </CommandForm>
    </Card>
  );
}

function Call(props: ActionProps) {
  const { t } = useTranslation('guaranteeOfficer');
  const g = props.guarantee;
  const dateSchema = useDateSchema();
  const figure = useMoneyFigure();
  const format = useFormat();
  const schema = z.object({ calledOn: dateSchema() });
  return (
    <Card title={t('call.title')}>
      <CommandForm
        schema={schema}
        defaultValues={{ calledOn: today() }}
        label={t('call.title')}
        submitLabel={t('call.submit')}
        confirm={(v) => ({
          title: t('call.confirmTitle'),
          confirmLabel: t('call.confirm'),
          figures: [
            { label: t('guarantee.outstandingPrincipal'), value: figure(g.outstandingPrincipal) },
            { label: t('guarantee.guaranteedOutstanding'), value: figure(g.guaranteedOutstanding) },
            { label: t('call.calledOn'), value: format.date(v.calledOn) },
          ],
        })}
        send={(v, key) => api.post<{ claim: MoneyJson }>(`${base(g)}/call`, { calledOn: v.calledOn }, key)}
        onDone={(r) => props.onDone(t('call.done', { claim: format.money(r.claim) }))}
      >
        <DateField name="calledOn" label={t('call.calledOn')} />
      </CommandForm>
    </Card>
  );
}

function ClaimPayment(props: ActionProps) {
  const { t } = useTranslation('guaranteeOfficer');
  const g = props.guarantee;
  const dateSchema = useDateSchema();
  const figure = useMoneyFigure();
  const format = useFormat();
  const schema = z.object({ paidOn: dateSchema() });
  const left: MoneyJson = {
    amountMinor: (BigInt(g.claim?.amountMinor ?? '0') - BigInt(g.claimPaid.amountMinor)).toString(),
    currency: g.claimPaid.currency,
  };
  return (
    <Card title={t('claim.title')}>
      <CommandForm
        schema={schema}
        defaultValues={{ paidOn: today() }}
        label={t('claim.title')}
        submitLabel={t('claim.submit')}
        confirm={(v) => ({
          title: t('claim.confirmTitle'),
          confirmLabel: t('claim.confirm'),
          warning: t('claim.warning'),
          figures: [
            { label: t('claim.amount'), value: figure(left) },
            { label: t('claim.paidOn'), value: format.date(v.paidOn) },
          ],
        })}
        send={(v, key) =>
          api.post<{ claimPaid: MoneyJson; fundBalance: MoneyJson }>(
            `${base(g)}/claim-payments`,
            { paidOn: v.paidOn },
            key,
          )
        }
        onDone={(r) =>
          props.onDone(t('claim.done', { paid: format.money(r.claimPaid), fund: format.money(r.fundBalance) }))
        }
      >
        <DateField name="paidOn" label={t('claim.paidOn')} />
      </CommandForm>
    </Card>
  );
}

function Recovery(props: ActionProps) {
  const { t } = useTranslation('guaranteeOfficer');
  const g = props.guarantee;
  const amountSchema = useAmountSchema();
  const dateSchema = useDateSchema();
  const toMoney = useToMoney();
  const figure = useMoneyFigure();
  const format = useFormat();
  const currency = g.principal.currency;
  const schema = z.object({ amount: amountSchema(currency), receivedOn: dateSchema() });
  return (
    <Card title={t('recovery.title')}>
      <CommandForm
        schema={schema}
        defaultValues={{ amount: '', receivedOn: today() }}
        label={t('recovery.title')}
        submitLabel={t('recovery.submit')}
        confirm={(v) => ({
          title: t('recovery.confirmTitle'),
          confirmLabel: t('recovery.confirm'),
          figures: [
            { label: t('recovery.amount'), value: figure(toMoney(v.amount, currency)) },
            { label: t('guarantee.claimPaid'), value: figure(g.claimPaid) },
            { label: t('recovery.receivedOn'), value: format.date(v.receivedOn) },
          ],
        })}
        send={(v, key) =>
          api.post<{ recovered: MoneyJson; fundBalance: MoneyJson }>(
            `${base(g)}/recoveries`,
            { amount: toMoney(v.amount, currency), receivedOn: v.receivedOn },
            key,
          )
        }
        onDone={(r) =>
          props.onDone(t('recovery.done', { recovered: format.money(r.recovered), fund: format.money(r.fundBalance) }))
        }
      >
        <AmountField name="amount" label={t('recovery.amount')} currency={currency} />
        <DateField name="receivedOn" label={t('recovery.receivedOn')} />
      </CommandForm>
    </Card>
  );
}
