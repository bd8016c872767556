import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext, useWatch } from 'react-hook-form';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, q } from '../../api';
import { useFormat, useLocale } from '../../locale';
import { parseAmount, type MoneyJson } from '../../money';
import {
  AmountField,
  CheckboxField,
  CommandForm,
  DateField,
  TextField,
  useAmountSchema,
  useDateSchema,
  useMoneyFigure,
  useRequired,
  useToMoney,
} from '../../ui/forms';
import { Badge, Card, DataState, DateText, Money, PageTitle, Rate, Stat, Stats, Success } from '../../ui/kit';
import { DataTable, byAmount, byNumber, byText } from '../../ui/table';
import type { Proposal } from '../shared/proposals';
import {
  GRANT_STATUSES,
  isPending,
  today,
  useBeneficiaries,
  useFunds,
  useGrants,
  useWindows,
  type Disbursement,
  type Fund,
  type Grant,
  type GrantDetail,
  type GrantStatus,
  type PendingAnswer,
} from './model';
import { FundingBadge, GrantStatusBadge, PendingNotice, WithFund, namesOf } from './parts';
import { Decision } from './requests';

/** Every grant of a fund, whatever its state: none vanishes. */
export function GrantsScreen() {
  const { t } = useTranslation('fundManager');
  return (
    <>
      <PageTitle>{t('grants.title')}</PageTitle>
      <WithFund>{(fund) => <GrantList key={fund.fundId} fund={fund} />}</WithFund>
    </>
  );
}

function GrantList(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const status = (GRANT_STATUSES as readonly string[]).includes(params.get('statut') ?? '')
    ? (params.get('statut') as GrantStatus)
    : undefined;
  const grants = useGrants({ fundId: props.fund.fundId, status });
  const beneficiaries = useBeneficiaries();
  const windows = useWindows(props.fund.fundId);
  const beneficiaryName = namesOf(
    beneficiaries,
    (b) => b.beneficiaryId,
    (b) => b.name,
  );
  const windowName = namesOf(
    windows,
    (w) => w.windowId,
    (w) => w.name,
  );
  return (
    <Card title={t('grants.list', { fund: props.fund.name })} wide>
      <div className="toolbar">
        <label className="field">
          <span>{t('grants.status')}</span>{' '}
          <select
            value={status ?? ''}
            onChange={(e) =>
              setParams((current) => {
                const next = new URLSearchParams(current);
                if (e.target.value) next.set('statut', e.target.value);
                else next.delete('statut');
                return next;
              })
            }
          >
            <option value="">{t('grants.allStatuses')}</option>
            {GRANT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`grantStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DataState query={grants}>
        {(list) => (
          <div className="fm-same-caption">
            <DataTable<Grant>
              id="subventions"
              caption={t('grants.list', { fund: props.fund.name })}
              rows={list}
              rowKey={(g) => g.grantId}
              filterText={(g) =>
                `${beneficiaryName(g.beneficiaryId)} ${windowName(g.windowId)} ${g.description} ${g.serviceProvider} ${t(`grantStatus.${g.status}`)}`
              }
              empty={t('grants.none')}
              defaultSort={{ key: 'requestedOn', descending: true }}
              columns={[
                {
                  key: 'requestedOn',
                  header: t('grants.requestedOn'),
                  cell: (g) => <DateText value={g.requestedOn} />,
                  sort: (a, b) => byText(a.requestedOn, b.requestedOn),
                },
                {
                  key: 'description',
                  header: t('grants.description'),
                  cell: (g) => <Link to={`/cofinancing/grants/${g.grantId}`}>{g.description}</Link>,
                  sort: (a, b) => byText(a.description, b.description),
                },
                {
                  key: 'beneficiary',
                  header: t('grants.beneficiary'),
                  cell: (g) => beneficiaryName(g.beneficiaryId),
                  sort: (a, b) => byText(beneficiaryName(a.beneficiaryId), beneficiaryName(b.beneficiaryId)),
                },
                { key: 'window', header: t('grants.window'), cell: (g) => windowName(g.windowId) },
                {
                  key: 'year',
                  header: t('grants.year'),
                  numeric: true,
                  cell: (g) => format.integer(g.participationYear),
                  sort: (a, b) => byNumber(a.participationYear, b.participationYear),
                },
                {
                  key: 'status',
                  header: t('grants.status'),
                  cell: (g) => <GrantStatusBadge status={g.status} />,
                  sort: (a, b) => byText(a.status, b.status),
                },
                {
                  key: 'eligible',
                  header: t('grants.eligibleCost'),
                  numeric: true,
                  cell: (g) => <Money value={g.eligibleCost} />,
                  sort: (a, b) => byAmount(a.eligibleCost.amountMinor, b.eligibleCost.amountMinor),
                },
                { key: 'rate', header: t('grants.rate'), numeric: true, cell: (g) => <Rate bp={g.rateBp} /> },
                {
                  key: 'subsidy',
                  header: t('grants.subsidy'),
                  numeric: true,
                  cell: (g) => <Money value={g.subsidy} />,
                  sort: (a, b) => byAmount(a.subsidy?.amountMinor, b.subsidy?.amountMinor),
                },
                {
                  key: 'disbursed',
                  header: t('balance.disbursed'),
                  numeric: true,
                  cell: (g) => <Money value={g.disbursed} />,
                },
              ]}
            />
          </div>
        )}
      </DataState>
    </Card>
  );
}

/** One grant: its figures, every event of its history, and what can still be done to it. */
export function GrantScreen() {
  const { grantId = '' } = useParams();
  const grant = useQuery({
    queryKey: ['cofinancing', 'grant', grantId],
    queryFn: () => api.get<GrantDetail>(`/cofinancing/grants/${encodeURIComponent(grantId)}`),
  });
  return <DataState query={grant}>{(g) => <GrantPage grant={g} />}</DataState>;
}

function GrantPage(props: { grant: GrantDetail }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const g = props.grant;
  const funds = useFunds();
  const beneficiaries = useBeneficiaries();
  const windows = useWindows(g.fundId);
  const beneficiary = namesOf(
    beneficiaries,
    (b) => b.beneficiaryId,
    (b) => b.name,
  )(g.beneficiaryId);
  const fund = funds.data?.find((f) => f.fundId === g.fundId);
  const [outcome, setOutcome] = useState<{ text?: string; pending?: PendingAnswer; what?: string } | null>(null);
  const c = g.computation;
  return (
    <>
      <PageTitle actions={<GrantStatusBadge status={g.status} />}>
        {t('grant.title', { what: g.description })}
      </PageTitle>
      {outcome?.text ? <Success>{outcome.text}</Success> : null}
      {outcome?.pending ? <PendingNotice answer={outcome.pending} what={outcome.what ?? ''} /> : null}
      <div className="grid">
        <Card title={t('grant.figures')} wide>
          <Stats>
            <Stat label={t('grants.status')} value={<GrantStatusBadge status={g.status} />} />
            <Stat
              label={t('grants.beneficiary')}
              value={<Link to={`/cofinancing/beneficiaries/${g.beneficiaryId}`}>{beneficiary}</Link>}
            />
            <Stat
              label={t('grants.fund')}
              value={<Link to={`/cofinancing/funds/${g.fundId}`}>{fund?.name ?? g.fundId}</Link>}
            />
            <Stat
              label={t('grants.window')}
              value={namesOf(
                windows,
                (w) => w.windowId,
                (w) => w.name,
              )(g.windowId)}
            />
            <Stat label={t('grants.serviceProvider')} value={g.serviceProvider} />
            <Stat label={t('grants.year')} value={format.integer(g.participationYear)} />
            <Stat label={t('grants.eligibleCost')} value={<Money value={g.eligibleCost} />} />
            <Stat label={t('grants.rate')} value={<Rate bp={g.rateBp} />} />
            <Stat label={t('grants.subsidy')} value={<Money value={g.subsidy} />} />
            <Stat label={t('grants.ownShare')} value={<Money value={g.ownShare} />} />
            <Stat label={t('grant.invoiced')} value={<Money value={g.invoiced} />} />
            <Stat label={t('balance.disbursed')} value={<Money value={g.disbursed} />} />
            <Stat label={t('grant.commitmentLeft')} value={<Money value={g.commitmentLeft} />} />
            <Stat label={t('grant.released')} value={<Money value={g.releasedAtClosure} />} />
            {g.status === 'requested' ? (
              <Stat label={t('queue.funding')} value={<FundingBadge status={g.fundingStatus} />} />
            ) : null}
            {g.reserved.amountMinor !== '0' ? (
              <Stat label={t('balance.reserved')} value={<Money value={g.reserved} />} />
            ) : null}
          </Stats>
        </Card>
        {c ? (
          <Card title={t('grant.computation')}>
            <Stats>
              <Stat label={t('grants.rate')} value={<Rate bp={c.rateBp} />} />
              <Stat label={t('grant.yearRule')} value={t(`grant.yearRule_${c.yearRule}`)} />
              <Stat label={t('grant.rateSubsidy')} value={<Money value={c.rateSubsidy} />} />
              <Stat label={t('decision.cap')} value={<Money value={c.cap} />} />
              <Stat label={t('grant.capUsedBefore')} value={<Money value={c.capUsedBefore} />} />
              <Stat label={t('queue.capLeft')} value={<Money value={c.capLeft} />} />
              <Stat label={t('decision.limitedBy')} value={t(`decision.limitedBy_${c.limitedBy}`)} />
              <Stat label={t('grant.scheduleVersion')} value={format.integer(g.scheduleVersion)} />
            </Stats>
          </Card>
        ) : null}
        <History grant={g} />
        <Disbursements grant={g} onOutcome={setOutcome} />
        {g.status === 'requested' ? (
          <>
            <Decision grant={g} beneficiary={beneficiary} decision="approve" onDone={setOutcome} />
            <Decision grant={g} beneficiary={beneficiary} decision="reject" onDone={setOutcome} />
          </>
        ) : null}
        {g.status === 'approved' ? <Disburse grant={g} onOutcome={setOutcome} /> : null}
        {g.status === 'approved' ? <Close grant={g} onOutcome={setOutcome} /> : null}
        {(g.status === 'requested' || g.status === 'approved') && g.disbursements.length === 0 ? (
          <Cancel grant={g} onOutcome={setOutcome} />
        ) : null}
      </div>
    </>
  );
}

interface HistoryEntry {
  readonly at: string;
  /** An instant (a proposal's) rather than a business date. */
  readonly instant?: boolean;
  readonly order: number;
  readonly title: string;
  readonly detail: ReactNode;
}

/** Every event of the grant, in order: request, decision, payments, corrections, four-eyes, end. */
function History(props: { grant: GrantDetail }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const g = props.grant;
  const proposals = useQuery({
    queryKey: ['proposals', 'cofinancing', 'grant', g.grantId],
    queryFn: () => api.all<Proposal>(`/proposals${q({ context: 'cofinancing', subject: `grantId:${g.grantId}` })}`),
  });
  const entries: HistoryEntry[] = [
    {
      at: g.requestedOn,
      order: 0,
      title: t('history.requested'),
      detail: t('history.requestedDetail', {
        amount: format.money(g.eligibleCost),
        provider: g.serviceProvider,
        year: format.integer(g.participationYear),
      }),
    },
  ];
  if (g.approvedOn)
    entries.push({
      at: g.approvedOn,
      order: 1,
      title: t('history.approved'),
      detail: t('history.approvedDetail', {
        subsidy: format.money(g.subsidy),
        rate: format.bp(g.rateBp),
        version: format.integer(g.scheduleVersion),
      }),
    });
  if (g.rejectedOn) entries.push({ at: g.rejectedOn, order: 1, title: t('history.rejected'), detail: g.reason ?? '' });
  for (const d of g.disbursements) {
    entries.push({
      at: d.disbursedOn,
      order: 2,
      title: t('history.disbursed', { reference: d.invoiceReference }),
      detail: t('history.disbursedDetail', {
        invoice: format.money(d.invoiceAmount),
        paid: format.money(d.paid),
        rule: t(`rule.${d.rule}`),
      }),
    });
    if (d.reversal)
      entries.push({
        at: d.reversal.reversedOn ?? d.disbursedOn,
        order: 3,
        title: t('history.reversed', { reference: d.invoiceReference }),
        detail: d.reversal.reason ?? '',
      });
  }
  for (const p of proposals.data ?? []) {
    entries.push({
      at: p.proposedAt,
      instant: true,
      order: 4,
      title: t('history.proposal', {
        action: t(`proposals:action.${p.action}`, { defaultValue: p.action }),
        status: t(`proposals:status.${p.status}`),
      }),
      detail: t('history.proposalDetail', {
        by: p.proposedBy,
        amount: format.money(p.reserved),
        settled: p.settledBy ? `${p.settledBy} — ${format.dateTime(p.settledAt)}` : '—',
      }),
    });
  }
  if (g.cancelledOn)
    entries.push({
      at: g.cancelledOn,
      order: 5,
      title: t('history.cancelled'),
      detail: t('history.endDetail', { reason: g.reason ?? '—', released: format.money(g.releasedAtClosure) }),
    });
  if (g.closedOn)
    entries.push({
      at: g.closedOn,
      order: 5,
      title: t('history.closed'),
      detail: t('history.closedDetail', { released: format.money(g.releasedAtClosure) }),
    });
  entries.sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));
  return (
    <Card title={t('history.title')} wide>
      <p className="hint">{t('history.note')}</p>
      <ol className="timeline" aria-label={t('history.title')}>
        {entries.map((e, i) => (
          <li key={i}>
            {e.instant ? <time dateTime={e.at}>{format.dateTime(e.at)}</time> : <DateText value={e.at} />} —{' '}
            <strong>{e.title}</strong>
            {e.detail ? (
              <>
                <br />
                <span>{e.detail}</span>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

type Outcome = (result: { text?: string; pending?: PendingAnswer; what?: string }) => void;

function Disbursements(props: { grant: GrantDetail; onOutcome: Outcome }) {
  const { t } = useTranslation('fundManager');
  const [reversing, setReversing] = useState<string | null>(null);
  const g = props.grant;
  if (g.disbursements.length === 0) return null;
  const target = g.disbursements.find((d) => d.disbursementId === reversing);
  return (
    <Card title={t('disbursements.title')} wide>
      <div className="fm-same-caption">
        <DataTable<Disbursement>
          id="decaissements"
          caption={t('disbursements.title')}
          rows={g.disbursements}
          rowKey={(d) => d.disbursementId}
          empty={t('disbursements.none')}
          columns={[
            {
              key: 'disbursedOn',
              header: t('disbursements.disbursedOn'),
              cell: (d) => <DateText value={d.disbursedOn} />,
              sort: (a, b) => byText(a.disbursedOn, b.disbursedOn),
            },
            { key: 'reference', header: t('disbursements.reference'), cell: (d) => d.invoiceReference },
            {
              key: 'invoiceDate',
              header: t('disbursements.invoiceDate'),
              cell: (d) => <DateText value={d.invoiceDate} />,
            },
            {
              key: 'invoice',
              header: t('disbursements.invoiceAmount'),
              numeric: true,
              cell: (d) => <Money value={d.invoiceAmount} />,
            },
            { key: 'paid', header: t('disbursements.paid'), numeric: true, cell: (d) => <Money value={d.paid} /> },
            { key: 'rule', header: t('disbursements.rule'), cell: (d) => t(`rule.${d.rule}`) },
            {
              key: 'state',
              header: t('grants.status'),
              cell: (d) =>
                d.reversal ? (
                  <Badge tone="bad">{t('disbursements.reversed')}</Badge>
                ) : g.status === 'approved' ? (
                  <button type="button" className="link" onClick={() => setReversing(d.disbursementId)}>
                    {t('disbursements.reverse', { reference: d.invoiceReference })}
                  </button>
                ) : (
                  <Badge tone="good">{t('disbursements.standing')}</Badge>
                ),
            },
          ]}
        />
      </div>
      {target ? (
        <Reverse
          key={target.disbursementId}
          grant={g}
          disbursement={target}
          onDone={(result) => {
            setReversing(null);
            props.onOutcome(result);
          }}
        />
      ) : null}
    </Card>
  );
}

/** What the fund would pay on an invoice: the API's rule, to show it before it is sent (the API decides). */
function expectedPayment(grant: GrantDetail, invoice: MoneyJson): MoneyJson | null {
  if (!grant.subsidy || !grant.commitmentLeft) return null;
  const eligible = BigInt(grant.eligibleCost.amountMinor);
  const left = BigInt(grant.commitmentLeft.amountMinor);
  const amount = BigInt(invoice.amountMinor);
  if (BigInt(grant.invoiced.amountMinor) + amount >= eligible)
    return { amountMinor: left.toString(), currency: invoice.currency };
  const share = (amount * BigInt(grant.subsidy.amountMinor)) / eligible;
  return { amountMinor: (share < left ? share : left).toString(), currency: invoice.currency };
}

function Disburse(props: { grant: GrantDetail; onOutcome: Outcome }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const figure = useMoneyFigure();
  const required = useRequired();
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const g = props.grant;
  const currency = g.eligibleCost.currency;
  const schema = z.object({
    invoiceReference: required(),
    invoiceDate: dateSchema(),
    invoiceAmount: amountSchema(currency),
    disbursedOn: dateSchema(),
  });
  const day = (g.approvedOn ?? today()) > today() ? (g.approvedOn ?? today()) : today();
  return (
    <Card title={t('disburse.title')} wide>
      <CommandForm
        schema={schema}
        defaultValues={{ invoiceReference: '', invoiceDate: day, invoiceAmount: '', disbursedOn: day }}
        label={t('disburse.title')}
        submitLabel={t('disburse.submit')}
        confirm={(v) => {
          const invoice = toMoney(v.invoiceAmount, currency);
          const paid = expectedPayment(g, invoice);
          return {
            title: t('disburse.confirmTitle', { what: g.description }),
            confirmLabel: t('disburse.confirmButton'),
            figures: [
              { label: t('disbursements.reference'), value: v.invoiceReference },
              { label: t('disbursements.invoiceAmount'), value: figure(invoice) },
              ...(paid ? [{ label: t('disburse.expected'), value: figure(paid) }] : []),
              { label: t('grant.commitmentLeft'), value: format.money(g.commitmentLeft) },
              { label: t('disbursements.invoiceDate'), value: format.date(v.invoiceDate) },
              { label: t('disbursements.disbursedOn'), value: format.date(v.disbursedOn) },
            ],
          };
        }}
        send={(v, key) =>
          api.post<unknown>(
            `/cofinancing/grants/${g.grantId}/disbursements`,
            { ...v, invoiceAmount: toMoney(v.invoiceAmount, currency) },
            key,
          )
        }
        onDone={(answer, v) =>
          props.onOutcome(
            isPending(answer)
              ? { pending: answer, what: t('disburse.of', { reference: v.invoiceReference }) }
              : {
                  text: t('disburse.done', {
                    reference: v.invoiceReference,
                    paid: format.money((answer as { paid: MoneyJson }).paid),
                    left: format.money((answer as { commitmentLeft: MoneyJson }).commitmentLeft),
                  }),
                },
          )
        }
      >
        <TextField name="invoiceReference" label={t('disbursements.reference')} />
        <DateField name="invoiceDate" label={t('disbursements.invoiceDate')} />
        <AmountField name="invoiceAmount" label={t('disbursements.invoiceAmount')} currency={currency} />
        <ExpectedShare grant={g} />
        <DateField name="disbursedOn" label={t('disbursements.disbursedOn')} />
      </CommandForm>
    </Card>
  );
}

/** Under the invoice amount: the subsidy share it would be paid, as the invoice is typed. */
function ExpectedShare(props: { grant: GrantDetail }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const { locale } = useLocale();
  const value = useWatchValue('invoiceAmount');
  const currency = props.grant.eligibleCost.currency;
  const parsed = value.trim() ? parseAmount(value, currency, locale) : null;
  if (!parsed?.ok) return null;
  const paid = expectedPayment(props.grant, { amountMinor: parsed.amountMinor, currency });
  if (!paid) return null;
  return (
    <p className="hint" aria-live="polite">
      {t('disburse.expectedHint', { paid: format.money(paid) })}
    </p>
  );
}

function useWatchValue(name: string): string {
  const { control } = useFormContext();
  return (useWatch({ control, name }) as string | undefined) ?? '';
}

function Reverse(props: {
  grant: GrantDetail;
  disbursement: Disbursement;
  onDone: (result: { text?: string; pending?: PendingAnswer; what?: string }) => void;
}) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const figure = useMoneyFigure();
  const required = useRequired();
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const d = props.disbursement;
  const currency = d.invoiceAmount.currency;
  const schema = z
    .object({
      reason: required(),
      correctedOn: dateSchema(),
      replace: z.boolean(),
      invoiceReference: z.string(),
      invoiceDate: dateSchema({ optional: true }),
      invoiceAmount: amountSchema(currency, { optional: true }),
    })
    .superRefine((v, ctx) => {
      if (!v.replace) return;
      for (const name of ['invoiceReference', 'invoiceDate', 'invoiceAmount'] as const)
        if (!v[name].trim()) ctx.addIssue({ code: 'custom', path: [name], message: t('common:validation.required') });
    });
  return (
    <CommandForm
      schema={schema}
      defaultValues={{
        reason: '',
        correctedOn: today(),
        replace: false,
        invoiceReference: d.invoiceReference,
        invoiceDate: d.invoiceDate,
        invoiceAmount: '',
      }}
      label={t('reverse.title', { reference: d.invoiceReference })}
      submitLabel={t('reverse.submit')}
      confirm={(v) => ({
        title: t('reverse.title', { reference: d.invoiceReference }),
        confirmLabel: t('reverse.confirmButton'),
        figures: [
          { label: t('disbursements.paid'), value: figure(d.paid) },
          { label: t('reverse.reason'), value: v.reason },
          ...(v.replace
            ? [{ label: t('reverse.replacementAmount'), value: figure(toMoney(v.invoiceAmount, currency)) }]
            : []),
          { label: t('reverse.correctedOn'), value: format.date(v.correctedOn) },
        ],
      })}
      send={(v, key) =>
        api.post<unknown>(
          `/cofinancing/grants/${props.grant.grantId}/disbursements/${d.disbursementId}/reversal`,
          {
            reason: v.reason,
            correctedOn: v.correctedOn,
            ...(v.replace
              ? {
                  replacement: {
                    invoiceReference: v.invoiceReference,
                    invoiceDate: v.invoiceDate,
                    invoiceAmount: toMoney(v.invoiceAmount, currency),
                  },
                }
              : {}),
          },
          key,
        )
      }
      onDone={(answer) =>
        props.onDone(
          isPending(answer)
            ? { pending: answer, what: t('reverse.of', { reference: d.invoiceReference }) }
            : { text: t('reverse.done', { reference: d.invoiceReference, amount: format.money(d.paid) }) },
        )
      }
    >
      <h3>{t('reverse.title', { reference: d.invoiceReference })}</h3>
      <TextField name="reason" label={t('reverse.reason')} multiline />
      <DateField name="correctedOn" label={t('reverse.correctedOn')} />
      <CheckboxField name="replace" label={t('reverse.replace')} />
      <TextField name="invoiceReference" label={t('reverse.replacementReference')} />
      <DateField name="invoiceDate" label={t('reverse.replacementDate')} />
      <AmountField name="invoiceAmount" label={t('reverse.replacementAmount')} currency={currency} />
    </CommandForm>
  );
}

function Close(props: { grant: GrantDetail; onOutcome: Outcome }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const figure = useMoneyFigure();
  const dateSchema = useDateSchema();
  const g = props.grant;
  const schema = z.object({ closedOn: dateSchema() });
  return (
    <Card title={t('close.title')}>
      <p className="hint">{t('close.hint')}</p>
      <CommandForm
        schema={schema}
        defaultValues={{ closedOn: today() }}
        label={t('close.title')}
        submitLabel={t('close.submit')}
        confirm={(v) => ({
          title: t('close.confirmTitle', { what: g.description }),
          confirmLabel: t('close.confirmButton'),
          figures: [
            { label: t('grants.subsidy'), value: format.money(g.subsidy) },
            { label: t('balance.disbursed'), value: format.money(g.disbursed) },
            ...(g.commitmentLeft ? [{ label: t('close.released'), value: figure(g.commitmentLeft) }] : []),
            { label: t('close.closedOn'), value: format.date(v.closedOn) },
          ],
        })}
        send={(v, key) => api.post<{ released: MoneyJson }>(`/cofinancing/grants/${g.grantId}/closure`, v, key)}
        onDone={(r) => props.onOutcome({ text: t('close.done', { released: format.money(r.released) }) })}
      >
        <DateField name="closedOn" label={t('close.closedOn')} />
      </CommandForm>
    </Card>
  );
}

function Cancel(props: { grant: GrantDetail; onOutcome: Outcome }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const dateSchema = useDateSchema();
  const required = useRequired();
  const g = props.grant;
  const schema = z.object({ cancelledOn: dateSchema(), reason: required() });
  return (
    <Card title={t('cancel.title')}>
      <CommandForm
        schema={schema}
        defaultValues={{ cancelledOn: today(), reason: '' }}
        label={t('cancel.title')}
        submitLabel={t('cancel.submit')}
        confirm={(v) => ({
          title: t('cancel.confirmTitle', { what: g.description }),
          confirmLabel: t('cancel.confirmButton'),
          figures: [
            { label: t('grants.eligibleCost'), value: format.money(g.eligibleCost) },
            { label: t('grants.subsidy'), value: format.money(g.subsidy) },
            { label: t('decision.reason'), value: v.reason },
            { label: t('cancel.cancelledOn'), value: format.date(v.cancelledOn) },
          ],
        })}
        send={(v, key) => api.post<{ released: MoneyJson }>(`/cofinancing/grants/${g.grantId}/cancellation`, v, key)}
        onDone={(r) => props.onOutcome({ text: t('cancel.done', { released: format.money(r.released) }) })}
      >
        <DateField name="cancelledOn" label={t('cancel.cancelledOn')} />
        <TextField name="reason" label={t('decision.reason')} multiline />
      </CommandForm>
    </Card>
  );
}
