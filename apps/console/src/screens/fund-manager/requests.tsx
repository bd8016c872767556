import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, q } from '../../api';
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
import {
  Badge,
  Card,
  DataState,
  DateText,
  ErrorNotice,
  Money,
  PageTitle,
  Rate,
  Stat,
  Stats,
  Success,
} from '../../ui/kit';
import { DataTable, byAmount, byNumber, byText } from '../../ui/table';
import type { Proposal } from '../shared/proposals';
import {
  isPending,
  today,
  useBeneficiaries,
  useGrants,
  useWindows,
  type Fund,
  type Grant,
  type PendingAnswer,
  type SubsidyPreview,
} from './model';
import { FundingBadge, PendingNotice, WithFund, namesOf } from './parts';

/** Requesting a grant: a beneficiary's eligible cost in a window of the fund. */
export function RequestScreen() {
  const { t } = useTranslation('fundManager');
  return (
    <>
      <PageTitle>{t('request.title')}</PageTitle>
      <WithFund>{(fund) => <RequestForm key={fund.fundId} fund={fund} />}</WithFund>
    </>
  );
}

function RequestForm(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const windows = useWindows(props.fund.fundId);
  const beneficiaries = useBeneficiaries();
  const required = useRequired();
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const format = useFormat();
  const [done, setDone] = useState<{ grantId: string; text: string } | null>(null);
  const currency = props.fund.currency;
  const schema = z.object({
    windowId: required(),
    beneficiaryId: required(),
    serviceProvider: required(),
    description: required(),
    eligibleCost: amountSchema(currency),
    requestedOn: dateSchema(),
  });
  return (
    <Card title={t('request.form', { fund: props.fund.name })} wide>
      {done ? (
        <Success>
          {done.text} <Link to={`/cofinancing/grants/${done.grantId}`}>{t('request.see')}</Link> ·{' '}
          <Link to={`/cofinancing/queue?fonds=${props.fund.fundId}`}>{t('nav.queue')}</Link>
        </Success>
      ) : null}
      <CommandForm
        schema={schema}
        defaultValues={{
          windowId: '',
          beneficiaryId: '',
          serviceProvider: '',
          description: '',
          eligibleCost: '',
          requestedOn: today(),
        }}
        label={t('request.form', { fund: props.fund.name })}
        submitLabel={t('request.submit')}
        send={(v, key) =>
          api.post<{ grantId: string; participationYear: number }>(
            '/cofinancing/grants',
            { ...v, fundId: props.fund.fundId, eligibleCost: toMoney(v.eligibleCost, currency) },
            key,
          )
        }
        onDone={(r, v) =>
          setDone({
            grantId: r.grantId,
            text: t('request.done', {
              description: v.description,
              year: format.integer(r.participationYear),
              amount: format.money(toMoney(v.eligibleCost, currency)),
            }),
          })
        }
      >
        <SelectField
          name="windowId"
          label={t('grants.window')}
          placeholder={t('choose')}
          options={(windows.data ?? []).map((w) => ({ value: w.windowId, label: w.name }))}
        />
        <SelectField
          name="beneficiaryId"
          label={t('grants.beneficiary')}
          placeholder={t('choose')}
          options={(beneficiaries.data ?? []).map((b) => ({ value: b.beneficiaryId, label: b.name }))}
        />
        <TextField name="serviceProvider" label={t('grants.serviceProvider')} />
        <TextField name="description" label={t('grants.description')} />
        <AmountField name="eligibleCost" label={t('grants.eligibleCost')} currency={currency} />
        <DateField name="requestedOn" label={t('grants.requestedOn')} />
      </CommandForm>
      <ErrorNotice error={windows.error ?? beneficiaries.error} />
    </Card>
  );
}

/** The approval queue: requested grants, with what approving each now would give; approve or reject. */
export function QueueScreen() {
  const { t } = useTranslation('fundManager');
  return (
    <>
      <PageTitle>{t('queue.title')}</PageTitle>
      <WithFund>{(fund) => <Queue key={fund.fundId} fund={fund} />}</WithFund>
    </>
  );
}

interface QueueRow {
  readonly grant: Grant;
  readonly beneficiary: string;
  readonly window: string;
  readonly preview: SubsidyPreview | undefined;
}

function Queue(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const grants = useGrants({ fundId: props.fund.fundId, status: 'requested' });
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
  const previews = useQueries({
    queries: (grants.data ?? []).map((g) => ({
      queryKey: ['cofinancing', 'preview', g.grantId],
      queryFn: () => api.get<SubsidyPreview>(`/cofinancing/grants/${g.grantId}/subsidy-preview`),
    })),
  });
  // Approvals proposed and waiting for a second person: not to be approved again meanwhile.
  const proposed = useQuery({
    queryKey: ['proposals', 'cofinancing', 'approve-grant', 'pending'],
    queryFn: () =>
      api.all<Proposal>(`/proposals${q({ context: 'cofinancing', action: 'approve-grant', status: 'pending' })}`),
  });
  const waiting = new Set((proposed.data ?? []).map((p) => String(p.subjects.grantId)));
  const [params, setParams] = useSearchParams();
  const [outcome, setOutcome] = useState<{ text?: string; pending?: PendingAnswer; what?: string } | null>(null);
  const selectedId = params.get('demande');
  const decision = params.get('decision') === 'reject' ? 'reject' : 'approve';
  const select = (grantId: string | null, kind?: 'approve' | 'reject') =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (grantId) {
        next.set('demande', grantId);
        next.set('decision', kind ?? 'approve');
      } else {
        next.delete('demande');
        next.delete('decision');
      }
      return next;
    });

  return (
    <div className="grid">
      <Card title={t('queue.list')} wide>
        {outcome?.text ? <Success>{outcome.text}</Success> : null}
        {outcome?.pending ? <PendingNotice answer={outcome.pending} what={outcome.what ?? ''} /> : null}
        <DataState query={grants}>
          {(list) => {
            const rows: QueueRow[] = list.map((grant, i) => ({
              grant,
              beneficiary: beneficiaryName(grant.beneficiaryId),
              window: windowName(grant.windowId),
              preview: previews[i]?.data,
            }));
            return (
              <div className="fm-same-caption">
                <DataTable<QueueRow>
                  id="file"
                  caption={t('queue.list')}
                  rows={rows}
                  rowKey={(r) => r.grant.grantId}
                  filterText={(r) =>
                    `${r.beneficiary} ${r.window} ${r.grant.description} ${r.grant.serviceProvider} ${t(`fundingStatus.${r.grant.fundingStatus ?? 'fundable'}`)}`
                  }
                  empty={t('queue.none')}
                  defaultSort={{ key: 'requestedOn' }}
                  columns={[
                    {
                      key: 'requestedOn',
                      header: t('grants.requestedOn'),
                      cell: (r) => <DateText value={r.grant.requestedOn} />,
                      sort: (a, b) => byText(a.grant.requestedOn, b.grant.requestedOn),
                    },
                    {
                      key: 'beneficiary',
                      header: t('grants.beneficiary'),
                      cell: (r) => r.beneficiary,
                      sort: (a, b) => byText(a.beneficiary, b.beneficiary),
                    },
                    {
                      key: 'description',
                      header: t('grants.description'),
                      cell: (r) => <Link to={`/cofinancing/grants/${r.grant.grantId}`}>{r.grant.description}</Link>,
                    },
                    {
                      key: 'year',
                      header: t('grants.year'),
                      numeric: true,
                      cell: (r) => format.integer(r.grant.participationYear),
                      sort: (a, b) => byNumber(a.grant.participationYear, b.grant.participationYear),
                    },
                    {
                      key: 'rate',
                      header: t('grants.rate'),
                      numeric: true,
                      cell: (r) => <Rate bp={r.preview?.rateBp} />,
                      sort: (a, b) => byNumber(a.preview?.rateBp, b.preview?.rateBp),
                    },
                    {
                      key: 'capLeft',
                      header: t('queue.capLeft'),
                      numeric: true,
                      cell: (r) => <Money value={r.preview?.capLeft as MoneyJson | null} />,
                    },
                    {
                      key: 'amount',
                      header: t('queue.requested'),
                      numeric: true,
                      cell: (r) => <Money value={r.grant.eligibleCost} />,
                      sort: (a, b) => byAmount(a.grant.eligibleCost.amountMinor, b.grant.eligibleCost.amountMinor),
                    },
                    {
                      key: 'subsidy',
                      header: t('queue.subsidy'),
                      numeric: true,
                      cell: (r) => <Money value={r.preview?.subsidy} />,
                    },
                    {
                      key: 'funding',
                      header: t('queue.funding'),
                      cell: (r) =>
                        waiting.has(r.grant.grantId) ? (
                          <Badge tone="warn">{t('queue.proposed')}</Badge>
                        ) : (
                          <FundingBadge status={r.grant.fundingStatus} />
                        ),
                      sort: (a, b) => byText(a.grant.fundingStatus, b.grant.fundingStatus),
                    },
                    {
                      key: 'actions',
                      header: t('queue.decision'),
                      cell: (r) => (
                        <span className="row-actions">
                          <button
                            type="button"
                            disabled={waiting.has(r.grant.grantId)}
                            aria-label={t('queue.approveOne', { what: r.grant.description })}
                            onClick={() => {
                              setOutcome(null);
                              select(r.grant.grantId, 'approve');
                            }}
                          >
                            {t('queue.approve')}
                          </button>{' '}
                          <button
                            type="button"
                            aria-label={t('queue.rejectOne', { what: r.grant.description })}
                            onClick={() => {
                              setOutcome(null);
                              select(r.grant.grantId, 'reject');
                            }}
                          >
                            {t('queue.reject')}
                          </button>
                        </span>
                      ),
                    },
                  ]}
                />
              </div>
            );
          }}
        </DataState>
      </Card>
      {selectedId && grants.data?.some((g) => g.grantId === selectedId) ? (
        <Decision
          key={`${selectedId}-${decision}`}
          grant={grants.data.find((g) => g.grantId === selectedId) as Grant}
          beneficiary={beneficiaryName(grants.data.find((g) => g.grantId === selectedId)?.beneficiaryId ?? '')}
          decision={decision}
          onCancel={() => select(null)}
          onDone={(result) => {
            setOutcome(result);
            select(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** Approving (with the computation's figures, confirmed) or rejecting (with a reason) one request. */
export function Decision(props: {
  grant: Grant;
  beneficiary: string;
  decision: 'approve' | 'reject';
  onCancel?: () => void;
  onDone: (result: { text?: string; pending?: PendingAnswer; what?: string }) => void;
}) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const figure = useMoneyFigure();
  const dateSchema = useDateSchema();
  const required = useRequired();
  const g = props.grant;
  const preview = useQuery({
    queryKey: ['cofinancing', 'preview', g.grantId],
    queryFn: () => api.get<SubsidyPreview>(`/cofinancing/grants/${g.grantId}/subsidy-preview`),
  });
  const approveSchema = z.object({ approvedOn: dateSchema() });
  const rejectSchema = z.object({ rejectedOn: dateSchema(), reason: required() });
  const day = g.requestedOn > today() ? g.requestedOn : today();
  const title = t(props.decision === 'approve' ? 'decision.approveTitle' : 'decision.rejectTitle', {
    what: g.description,
  });
  return (
    <Card title={title} wide id="decision">
      <DataState query={preview}>
        {(p) => (
          <>
            <Stats>
              <Stat label={t('grants.beneficiary')} value={props.beneficiary} />
              <Stat label={t('grants.year')} value={format.integer(p.participationYear)} />
              <Stat label={t('grants.eligibleCost')} value={<Money value={p.eligibleCost} />} />
              <Stat label={t('grants.rate')} value={<Rate bp={p.rateBp} />} />
              <Stat label={t('decision.cap')} value={<Money value={p.cap} />} />
              <Stat label={t('queue.capLeft')} value={<Money value={p.capLeft} />} />
              <Stat label={t('queue.subsidy')} value={<Money value={p.subsidy} />} />
              <Stat label={t('grants.ownShare')} value={<Money value={p.ownShare} />} />
              <Stat
                label={t('decision.limitedBy')}
                value={p.limitedBy ? t(`decision.limitedBy_${p.limitedBy}`) : '—'}
              />
              <Stat label={t('decision.fundAvailable')} value={<Money value={p.fundAvailable} />} />
            </Stats>
            {!p.approvable && p.refusal && props.decision === 'approve' ? (
              <p className="problem" role="alert">
                {t('decision.wouldRefuse', {
                  reason: t(`errors:${p.refusal.error}`, { defaultValue: p.refusal.message }),
                })}
              </p>
            ) : null}
            {props.decision === 'approve' ? (
              <CommandForm
                schema={approveSchema}
                defaultValues={{ approvedOn: day }}
                label={title}
                submitLabel={t('queue.approve')}
                confirm={(v) => ({
                  title: t('decision.confirmApprove', { what: g.description }),
                  confirmLabel: t('decision.confirmApproveButton'),
                  figures: [
                    { label: t('grants.beneficiary'), value: props.beneficiary },
                    { label: t('grants.year'), value: format.integer(p.participationYear) },
                    { label: t('grants.rate'), value: format.bp(p.rateBp) },
                    { label: t('grants.eligibleCost'), value: figure(p.eligibleCost) },
                    ...(p.subsidy ? [{ label: t('queue.subsidy'), value: figure(p.subsidy) }] : []),
                    ...(p.ownShare ? [{ label: t('grants.ownShare'), value: format.money(p.ownShare) }] : []),
                    { label: t('queue.capLeft'), value: format.money(p.capLeft) },
                    { label: t('decision.approvedOn'), value: format.date(v.approvedOn) },
                  ],
                })}
                send={(v, key) => api.post<unknown>(`/cofinancing/grants/${g.grantId}/approval`, v, key)}
                onDone={(answer) =>
                  props.onDone(
                    isPending(answer)
                      ? { pending: answer, what: t('decision.approvalOf', { what: g.description }) }
                      : {
                          text: t('decision.approved', {
                            what: g.description,
                            subsidy: format.money((answer as { subsidy: MoneyJson }).subsidy),
                            rate: format.bp((answer as { rateBp: number }).rateBp),
                          }),
                        },
                  )
                }
              >
                <DateField name="approvedOn" label={t('decision.approvedOn')} />
              </CommandForm>
            ) : (
              <CommandForm
                schema={rejectSchema}
                defaultValues={{ rejectedOn: day, reason: '' }}
                label={title}
                submitLabel={t('queue.reject')}
                confirm={(v) => ({
                  title: t('decision.confirmReject', { what: g.description }),
                  confirmLabel: t('decision.confirmRejectButton'),
                  figures: [
                    { label: t('grants.beneficiary'), value: props.beneficiary },
                    { label: t('grants.eligibleCost'), value: figure(g.eligibleCost) },
                    { label: t('decision.reason'), value: v.reason },
                    { label: t('decision.rejectedOn'), value: format.date(v.rejectedOn) },
                  ],
                })}
                send={(v, key) => api.post(`/cofinancing/grants/${g.grantId}/rejection`, v, key)}
                onDone={() => props.onDone({ text: t('decision.rejected', { what: g.description }) })}
              >
                <DateField name="rejectedOn" label={t('decision.rejectedOn')} />
                <TextField name="reason" label={t('decision.reason')} multiline />
              </CommandForm>
            )}
            {props.onCancel ? (
              <button type="button" className="link" onClick={props.onCancel}>
                {t('common:action.cancel')}
              </button>
            ) : null}
          </>
        )}
      </DataState>
    </Card>
  );
}
