import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api';
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
import { Card, DataState, Money, PageTitle, Stat, Stats, Success } from '../../ui/kit';
import { isPending, today, type CompanySummary, type PendingAnswer } from './model';
import { PendingNotice, WithCompany } from './parts';

interface CompanyPolicy {
  readonly issueGuaranteeAbove: MoneyJson | null;
  readonly correctionsNeedSecondPerson: boolean;
  readonly proposalTtlHours: number;
}

/** A company's four-eyes policy: read as it is in force, changed (a weakening waits for a second person). */
export function PolicyScreen() {
  const { t } = useTranslation('guaranteeOfficer');
  return (
    <>
      <PageTitle>{t('policy.title')}</PageTitle>
      <WithCompany>{(c) => <CompanyPolicyCard key={c.companyId} company={c} />}</WithCompany>
    </>
  );
}

type Outcome = { text?: string; unchanged?: boolean; pending?: PendingAnswer } | null;

function CompanyPolicyCard(props: { company: CompanySummary }) {
  const { t } = useTranslation('guaranteeOfficer');
  const format = useFormat();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const policy = useQuery({
    queryKey: ['guarantees', 'policy', props.company.companyId],
    queryFn: () =>
      api.get<{ companyId: string; currency: string; policy: CompanyPolicy | null }>(
        `/guarantee-companies/${encodeURIComponent(props.company.companyId)}/approval-policy`,
      ),
  });
  return (
    <DataState query={policy}>
      {(answer) => {
        const p = answer.policy;
        return (
          <div className="grid">
            <Card title={t('policy.inForce', { name: props.company.name })}>
              {p ? (
                <Stats>
                  <Stat
                    label={t('policy.issueAbove')}
                    value={p.issueGuaranteeAbove ? <Money value={p.issueGuaranteeAbove} /> : t('policy.never')}
                  />
                  <Stat label={t('policy.corrections')} value={p.correctionsNeedSecondPerson ? t('yes') : t('no')} />
                  <Stat
                    label={t('policy.ttl')}
                    value={t('policy.hours', { hours: format.integer(p.proposalTtlHours) })}
                  />
                </Stats>
              ) : (
                <p>{t('policy.none')}</p>
              )}
            </Card>
            <Card title={t('policy.change')} wide>
              {outcome?.text ? <Success>{outcome.text}</Success> : null}
              {outcome?.unchanged ? (
                <p role="status" className="outcome">
                  {t('policy.unchanged')}
                </p>
              ) : null}
              {outcome?.pending ? <PendingNotice answer={outcome.pending} what={t('policy.changeOf')} /> : null}
              <PolicyForm key={JSON.stringify(p)} company={props.company} policy={p} onOutcome={setOutcome} />
            </Card>
          </div>
        );
      }}
    </DataState>
  );
}

function PolicyForm(props: {
  company: CompanySummary;
  policy: CompanyPolicy | null;
  onOutcome: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation('guaranteeOfficer');
  const format = useFormat();
  const amountSchema = useAmountSchema();
  const dateSchema = useDateSchema();
  const toMoney = useToMoney();
  const currency = props.company.currency;
  const p = props.policy;
  const schema = z.object({
    issueGuaranteeAbove: amountSchema(currency, { optional: true }),
    correctionsNeedSecondPerson: z.boolean(),
    proposalTtlHours: z.string().regex(/^\d{1,4}$/, t('policy.badHours')),
    setOn: dateSchema(),
  });
  return (
    <CommandForm
      schema={schema}
      reset={false}
      defaultValues={{
        issueGuaranteeAbove: p?.issueGuaranteeAbove
          ? format.minor(p.issueGuaranteeAbove.amountMinor, p.issueGuaranteeAbove.currency)
          : '',
        correctionsNeedSecondPerson: p?.correctionsNeedSecondPerson ?? false,
        proposalTtlHours: String(p?.proposalTtlHours ?? 48),
        setOn: today(),
      }}
      label={t('policy.change')}
      submitLabel={t('policy.submit')}
      send={(v, key) =>
        api.put<unknown>(
          `/guarantee-companies/${props.company.companyId}/approval-policy`,
          {
            issueGuaranteeAbove: v.issueGuaranteeAbove.trim() ? toMoney(v.issueGuaranteeAbove, currency) : null,
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
      <AmountField name="issueGuaranteeAbove" label={t('policy.issueAbove')} currency={currency} />
      <CheckboxField name="correctionsNeedSecondPerson" label={t('policy.corrections')} />
      <TextField name="proposalTtlHours" label={t('policy.ttl')} />
      <DateField name="setOn" label={t('policy.setOn')} />
    </CommandForm>
  );
}
