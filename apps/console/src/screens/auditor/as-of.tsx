import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, q } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import { Badge, Card, ErrorNotice, Loading, Money, PageTitle, Rate, Stat, Stats } from '../../ui/kit';
import { DateField, SelectField } from '../../ui/forms';
import { InstantField, instantToLocalInput, localInputToInstant, today, useDecimal, useFieldRefusal } from './model';

const KINDS = ['fund', 'company', 'convention', 'guarantee'] as const;
type Kind = (typeof KINDS)[number];

/** Where each kind's balances are read (`?asOf=&knownAt=`) and what the picker lists. */
const PATHS: Record<Kind, string> = {
  fund: '/cofinancing/funds',
  company: '/guarantee-companies',
  convention: '/bank-conventions',
  guarantee: '/guarantees',
};

interface Choice {
  readonly value: string;
  readonly label: string;
}

interface FundItem {
  fundId: string;
  name: string;
  currency: string;
}
interface CompanyItem {
  companyId: string;
  name: string;
  currency: string;
}
interface ConventionItem {
  conventionId: string;
  companyName: string | null;
  companyId: string;
  bankId: string;
  validFrom: string;
  validUntil: string;
}
interface GuaranteeItem {
  guaranteeId: string;
  loanReference: string;
  bankId: string;
  issuedOn: string;
}

interface Stamp {
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly throughPosition: string;
}
type Figures = Stamp & Record<string, unknown>;

interface AsOfForm {
  kind: Kind;
  id: string;
  asOf: string;
  knownAt: string;
}

/** Every fund, company, convention or guarantee, as a picker's choices (the lists are read in full). */
function useChoices(kind: Kind) {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  return useQuery({
    queryKey: ['audit-as-of-choices', kind, format.locale],
    queryFn: async (): Promise<Choice[]> => {
      switch (kind) {
        case 'fund':
          return (await api.all<FundItem>(PATHS.fund)).map((f) => ({
            value: f.fundId,
            label: `${f.name} (${f.currency})`,
          }));
        case 'company':
          return (await api.all<CompanyItem>(PATHS.company)).map((c) => ({
            value: c.companyId,
            label: `${c.name} (${c.currency})`,
          }));
        case 'convention':
          return (await api.all<ConventionItem>(PATHS.convention)).map((c) => ({
            value: c.conventionId,
            label: t('asOf.conventionChoice', {
              company: c.companyName ?? c.companyId,
              bank: c.bankId,
              from: format.date(c.validFrom),
              until: format.date(c.validUntil),
            }),
          }));
        case 'guarantee':
          return (await api.all<GuaranteeItem>(PATHS.guarantee))
            .map((g) => ({
              value: g.guaranteeId,
              label: t('asOf.guaranteeChoice', {
                loan: g.loanReference,
                bank: g.bankId,
                issued: format.date(g.issuedOn),
              }),
            }))
            .sort((a, b) => a.label.localeCompare(b.label));
      }
    },
  });
}

/**
 * The balances of a fund, a company, a convention or a guarantee as of a business date, and
 * optionally as the ledger knew them at an instant (what had been recorded by then). The choice
 * is in the address; a refused date is said next to its field and no figures are shown.
 */
export function AsOf() {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const refusal = useFieldRefusal();
  const [params, setParams] = useSearchParams();
  const kind: Kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as Kind)
    : 'fund';
  const id = params.get('id') ?? '';
  const asOf = params.get('asOf') ?? '';
  const knownAt = params.get('knownAt') ?? '';

  const form = useForm<AsOfForm>({
    defaultValues: { kind, id, asOf: asOf || today(), knownAt: knownAt ? instantToLocalInput(knownAt) : '' },
  });
  const chosenKind = useWatch({ control: form.control, name: 'kind' });
  const choices = useChoices(chosenKind);
  // Another kind of entity: the one picked before is not one of its choices.
  const shownKind = useRef(kind);
  useEffect(() => {
    if (chosenKind === shownKind.current) return;
    shownKind.current = chosenKind;
    form.setValue('id', '');
  }, [chosenKind, form]);

  const shownChoices = useChoices(kind);
  const figures = useQuery({
    queryKey: ['audit-as-of', kind, id, asOf, knownAt],
    enabled: Boolean(id && asOf),
    queryFn: () =>
      api.get<Figures>(`${PATHS[kind]}/${encodeURIComponent(id)}${q({ asOf, knownAt: knownAt || undefined })}`),
  });

  // As known at an instant: the same balances with everything recorded, to show what was learnt since.
  const everything = useQuery({
    queryKey: ['audit-as-of', kind, id, asOf, ''],
    enabled: Boolean(id && asOf && knownAt && figures.isSuccess),
    queryFn: () => api.get<Figures>(`${PATHS[kind]}/${encodeURIComponent(id)}${q({ asOf })}`),
  });

  const problem = refusal(figures.error, ['asOf', 'knownAt']);
  useEffect(() => {
    if (problem) form.setError(problem.field as 'asOf' | 'knownAt', { type: 'server', message: problem.message });
  }, [problem?.field, problem?.message, figures.errorUpdatedAt]);

  const submit = form.handleSubmit((values) => {
    if (!values.id) {
      form.setError('id', { type: 'client', message: t('asOf.pickOne') });
      return;
    }
    if (!values.asOf) {
      form.setError('asOf', { type: 'client', message: t('common:validation.date') });
      return;
    }
    const instant = localInputToInstant(values.knownAt);
    if (values.knownAt && !instant) {
      form.setError('knownAt', { type: 'client', message: t('refusal.instant') });
      return;
    }
    const next = { kind: values.kind, id: values.id, asOf: values.asOf, knownAt: instant ?? '' };
    const same = next.kind === kind && next.id === id && next.asOf === asOf && next.knownAt === knownAt;
    if (same) void figures.refetch();
    else setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== '')));
  });

  return (
    <>
      <PageTitle>{t('asOf.title')}</PageTitle>
      <p>{t('asOf.intro')}</p>
      <div className="grid">
        <Card title={t('asOf.choose')}>
          <FormProvider {...form}>
            <form onSubmit={submit} aria-label={t('asOf.choose')} noValidate className="command-form">
              <SelectField
                name="kind"
                label={t('asOf.kind')}
                options={KINDS.map((k) => ({ value: k, label: t(`asOf.kinds.${k}`) }))}
              />
              {choices.isPending ? (
                <Loading />
              ) : choices.isError ? (
                <ErrorNotice error={choices.error} retry={() => void choices.refetch()} />
              ) : (
                <SelectField
                  key={chosenKind}
                  name="id"
                  label={t(`asOf.pick.${chosenKind}`)}
                  placeholder={choices.data.length ? t('asOf.pickPlaceholder') : t('asOf.nothingToPick')}
                  options={choices.data}
                />
              )}
              <DateField name="asOf" label={t('asOf.asOf')} hint={t('asOf.asOfHint')} />
              <InstantField name="knownAt" label={t('asOf.knownAt')} hint={t('asOf.knownAtHint')} />
              <div className="actions">
                <button type="submit" className="primary">
                  {t('asOf.show')}
                </button>
                {form.watch('knownAt') ? (
                  <button type="button" onClick={() => form.setValue('knownAt', '')}>
                    {t('asOf.everythingRecorded')}
                  </button>
                ) : null}
              </div>
            </form>
          </FormProvider>
        </Card>
        {id && asOf ? (
          figures.isPending ? (
            <Loading />
          ) : figures.isError ? (
            problem ? null : figures.error instanceof ApiError && figures.error.status === 404 ? (
              <Card title={t('asOf.nothing')}>
                <p role="status">
                  {knownAt ? t('asOf.notKnownThen', { instant: format.dateTime(knownAt) }) : t('asOf.notFound')}
                </p>
              </Card>
            ) : (
              <ErrorNotice error={figures.error} retry={() => void figures.refetch()} />
            )
          ) : (
            <Card
              title={t('asOf.resultTitle', {
                name:
                  kind === 'convention'
                    ? (shownChoices.data?.find((c) => c.value === id)?.label ?? String(figures.data.bankId))
                    : titleOf(kind, figures.data),
                date: format.date(figures.data.asOf),
              })}
              id="as-of-result"
            >
              <p className="audit-stamp" role="status">
                {figures.data.knownAt
                  ? t('asOf.stampKnownAt', { instant: format.dateTime(figures.data.knownAt) })
                  : t('asOf.stampEverything')}{' '}
                <Link to={`../events/${figures.data.throughPosition}`}>
                  {t('asOf.throughPosition', { position: format.integer(BigInt(figures.data.throughPosition)) })}
                </Link>
              </p>
              <Stats>
                <KindFigures kind={kind} figures={figures.data} now={knownAt ? everything.data : undefined} />
              </Stats>
            </Card>
          )
        ) : null}
      </div>
    </>
  );
}

function titleOf(kind: Kind, f: Figures): string {
  switch (kind) {
    case 'fund':
    case 'company':
      return String(f.name);
    case 'convention':
      return String(f.bankId);
    case 'guarantee':
      return String(f.loanReference);
  }
}

function KindFigures(props: { kind: Kind; figures: Figures; now?: Figures }) {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const decimal = useDecimal();
  const f = props.figures;
  /** A figure and, when it differs, what it is with everything recorded. */
  const money = (key: string) => {
    const then = f[key] as MoneyJson;
    const now = props.now?.[key] as MoneyJson | undefined;
    const diff = now && now.currency === then.currency ? BigInt(now.amountMinor) - BigInt(then.amountMinor) : 0n;
    return (
      <Stat
        key={key}
        label={t(`figures.${key}`)}
        value={
          <>
            <Money value={then} />
            {diff !== 0n && now ? (
              <small className="audit-diff">
                {t('asOf.sinceThen', {
                  now: format.money(now),
                  diff: `${diff > 0n ? '+' : ''}${format.money({ amountMinor: diff.toString(), currency: now.currency })}`,
                })}
              </small>
            ) : null}
          </>
        }
      />
    );
  };
  const count = (key: string) => (
    <Stat key={key} label={t(`figures.${key}`)} value={format.integer(f[key] as number)} />
  );
  const negative = (key: string) => BigInt((f[key] as MoneyJson).amountMinor) < 0n;
  switch (props.kind) {
    case 'fund':
      return (
        <>
          {money('contributed')}
          {money('committed')}
          {money('disbursed')}
          {money('available')}
          {money('outstandingCommitments')}
          {money('releasedAtClosure')}
          {count('grantsApproved')}
        </>
      );
    case 'company':
      return (
        <>
          {money('fundBalance')}
          {money('capacity')}
          {money('outstandingPrincipal')}
          <Stat
            label={t('figures.headroom')}
            value={<Money value={f.headroom as MoneyJson} />}
            tone={negative('headroom') ? 'bad' : undefined}
          />
          {money('guaranteedOutstanding')}
          {money('capitalPaid')}
          {count('guaranteesInForce')}
          {money('claimsPaid')}
          {money('recoveries')}
          <Stat
            label={t('figures.members')}
            value={t('figures.membersValue', {
              active: format.integer((f.members as { active: number }).active),
              total: format.integer((f.members as { total: number }).total),
            })}
          />
        </>
      );
    case 'convention':
      return (
        <>
          <Stat label={t('figures.status')} value={<Badge>{t(`status.${String(f.status)}`)}</Badge>} />
          {money('fundBalance')}
          <Stat
            label={t('figures.multiplier')}
            value={
              <span title={(f.multiplier as { ratio: string }).ratio}>
                × {decimal((f.multiplier as { decimal: string }).decimal)}
              </span>
            }
          />
          {money('capacity')}
          {money('outstanding')}
          <Stat
            label={t('figures.headroom')}
            value={<Money value={f.headroom as MoneyJson} />}
            tone={negative('headroom') ? 'bad' : undefined}
          />
          {money('claimsPaid')}
          {count('termsVersion')}
        </>
      );
    case 'guarantee':
      return (
        <>
          <Stat label={t('figures.status')} value={<Badge>{t(`status.${String(f.status)}`)}</Badge>} />
          {money('principal')}
          <Stat label={t('figures.coverageRate')} value={<Rate bp={f.coverageRateBp as number} />} />
          {money('outstandingPrincipal')}
          {money('guaranteedOutstanding')}
          <Stat label={t('figures.claim')} value={f.claim ? <Money value={f.claim as MoneyJson} /> : '—'} />
          {money('claimPaid')}
          {money('recovered')}
        </>
      );
  }
}
