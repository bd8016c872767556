import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, q } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import {
  AmountField,
  CheckboxField,
  CommandForm,
  DateField,
  TextField,
  useAmountSchema,
  useDateSchema,
  useToMoney,
} from '../../ui/forms';
import { Card, DataState, Money, PageTitle, Pending, Stat, Stats, Success } from '../../ui/kit';
import type { Proposal } from '../shared/proposals';
import { isPending, today, usePolicy, type ApprovalPolicy, type Fund, type PendingAnswer } from './model';
import { PendingNotice, WithFund } from './parts';

/** A fund's four-eyes policy: read as it is in force, changed (a weakening waits for a second person). */
export function PolicyScreen() {
  const { t } = useTranslation('fundManager');
  return (
    <>
      <PageTitle>{t('policy.title')}</PageTitle>
      <WithFund>{(fund) => <FundPolicy key={fund.fundId} fund={fund} />}</WithFund>
    </>
  );
}

function FundPolicy(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const policy = usePolicy(props.fund.fundId);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const waiting = useQuery({
    queryKey: ['proposals', 'cofinancing', 'policy', props.fund.fundId],
    queryFn: () =>
      api.all<Proposal>(
        `/proposals${q({ context: 'cofinancing', action: 'set-approval-policy', status: 'pending', subject: `fundId:${props.fund.fundId}` })}`,
      ),
  });
  return (
    <DataState query={policy}>
      {(answer) => (
        <div className="grid">
          <Card title={t('policy.inForce', { fund: props.fund.name })}>
            <PolicyFigures policy={answer.policy} />
            {waiting.data && waiting.data.length > 0 ? (
              <Pending>
                {t('policy.changeWaiting')} <Link to="/cofinancing/proposals">{t('nav.proposals')}</Link>
              </Pending>
            ) : null}
          </Card>
          <Card title={t('policy.change')} wide>
            {outcome?.text ? <Success>{outcome.text}</Success> : null}
            {outcome?.unchanged ? (
              <p role="status" className="outcome">
                {t('policy.unchanged')}
              </p>
            ) : null}
            {outcome?.pending ? <PendingNotice answer={outcome.pending} what={t('policy.changeOf')} /> : null}
            <p className="hint">{t('policy.explain')}</p>
            <PolicyForm
              key={JSON.stringify(answer.policy)}
              fund={props.fund}
              policy={answer.policy}
              onOutcome={setOutcome}
            />
          </Card>
        </div>
      )}
    </DataState>
  );
}

function PolicyFigures(props: { policy: ApprovalPolicy | null }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const p = props.policy;
  if (!p) return <p>{t('policy.none')}</p>;
  return (
    <Stats>
      <Stat
        label={t('policy.approveGrantAbove')}
        value={p.approveGrantAbove ? <Money value={p.approveGrantAbove} /> : t('policy.never')}
      />
      <Stat
        label={t('policy.disburseAbove')}
        value={p.disburseAbove ? <Money value={p.disburseAbove} /> : t('policy.never')}
      />
      <Stat label={t('policy.corrections')} value={t(p.correctionsNeedSecondPerson ? 'policy.yes' : 'policy.no')} />
      <Stat label={t('policy.ttl')} value={t('policy.hours', { hours: format.integer(p.proposalTtlHours) })} />
    </Stats>
  );
}

type Outcome = { text?: string; unchanged?: boolean; pending?: PendingAnswer } | null;

function PolicyForm(props: { fund: Fund; policy: ApprovalPolicy | null; onOutcome: (outcome: Outcome) => void }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const amountSchema = useAmountSchema();
  const dateSchema = useDateSchema();
  const toMoney = useToMoney();
  const currency = props.fund.currency;
  const p = props.policy;
  const typed = (money: MoneyJson | null) => (money ? format.minor(money.amountMinor, money.currency) : '');
  const schema = z.object({
    approveGrantAbove: amountSchema(currency, { optional: true }),
    disburseAbove: amountSchema(currency, { optional: true }),
    correctionsNeedSecondPerson: z.boolean(),
    proposalTtlHours: z.string().regex(/^\d{1,4}$/, t('policy.badHours')),
    setOn: dateSchema(),
  });
  const optional = (text: string) => (text.trim() ? toMoney(text, currency) : undefined);
  return (
    <CommandForm
      schema={schema}
      reset={false}
      defaultValues={{
        approveGrantAbove: typed(p?.approveGrantAbove ?? null),
        disburseAbove: typed(p?.disburseAbove ?? null),
        correctionsNeedSecondPerson: p?.correctionsNeedSecondPerson ?? false,
        proposalTtlHours: String(p?.proposalTtlHours ?? 48),
        setOn: today(),
      }}
      label={t('policy.change')}
      submitLabel={t('policy.submit')}
      send={(v, key) =>
        api.put<unknown>(
          `/cofinancing/funds/${props.fund.fundId}/approval-policy`,
          {
            approveGrantAbove: optional(v.approveGrantAbove),
            disburseAbove: optional(v.disburseAbove),
            correctionsNeedSecondPerson: v.correctionsNeedSecondPerson,
            proposalTtlHours: Number(v.proposalTtlHours),
            setOn: v.setOn,
          },
          key,
        )
      }
      onDone={(answer) => {
        if (isPending(answer)) props.onOutcome({ pending: answer });
        else if ((answer as { changed?: boolean }).changed === false) props.onOutcome({ unchanged: true });
        else props.onOutcome({ text: t('policy.done') });
      }}
    >
      <AmountField name="approveGrantAbove" label={t('policy.approveGrantAbove')} currency={currency} />
      <AmountField name="disburseAbove" label={t('policy.disburseAbove')} currency={currency} />
      <CheckboxField name="correctionsNeedSecondPerson" label={t('policy.corrections')} />
      <TextField name="proposalTtlHours" label={t('policy.ttl')} />
      <DateField name="setOn" label={t('policy.setOn')} />
    </CommandForm>
  );
}
