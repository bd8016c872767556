import { useState } from 'react';
import { api } from '../api';
import { formatMoney, type MoneyJson } from '../money';
import { Card, CommandForm, Loading, Problem, Stat, today, useLoad } from '../ui';
import { isPendingAnswer, PendingNotice, type PendingAnswer } from './FourEyes';

interface Disbursement {
  disbursementId: string;
  invoiceReference: string;
  invoiceDate: string;
  invoiceAmount: MoneyJson;
  paid: MoneyJson;
  disbursedOn: string;
  position: string;
  reversal: { reversedOn: string | null; reason: string | null; position: string } | null;
}

interface Reversed {
  grantId: string;
  disbursementId: string;
  reversed: MoneyJson;
  correctsEventId: string;
  correctsPosition: string;
  replacement: { disbursementId: string; paid: MoneyJson; rule?: string } | null;
  invoicedTotal: MoneyJson;
  disbursedTotal: MoneyJson;
  commitmentLeft: MoneyJson;
  position: string;
}

/**
 * A correction of a grant's disbursement: it is reversed by a new event that names it (never
 * edited), with a reason, and — when given — the right invoice recorded in its place in the same
 * append. The answer shows what was reversed, the entry it corrects and the totals after it; a
 * 202 (the fund's policy wants a second person) shows the waiting proposal instead.
 */
export function CorrectionCard(props: { grantId: string; description: string; currency: string; onDone: () => void }) {
  const grant = useLoad(
    () => api.get<{ disbursements: Disbursement[] }>(`/cofinancing/grants/${props.grantId}`),
    [props.grantId],
  );
  const [answer, setAnswer] = useState<Reversed | null>(null);
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  const standing = (grant.data?.disbursements ?? []).filter((d) => d.reversal === null);

  return (
    <Card title={`Correct a disbursement: ${props.description}`} wide>
      <Problem error={grant.error} />
      <Loading loading={grant.loading && !grant.data} />
      {grant.data && standing.length === 0 && !answer && !pending ? (
        <p>No disbursement of this grant is left to correct.</p>
      ) : null}
      {grant.data && standing.length > 0 && !answer && !pending ? (
        <CommandForm
          key={standing.map((d) => d.disbursementId).join()}
          autoFocus
          title="Reverse a disbursement"
          submit="Reverse disbursement"
          fields={[
            {
              name: 'disbursementId',
              label: 'Disbursement to reverse',
              kind: 'select',
              options: standing.map((d) => ({
                value: d.disbursementId,
                label: `${d.invoiceReference} of ${d.invoiceDate}: ${formatMoney(d.invoiceAmount)} invoiced, ${formatMoney(d.paid)} paid on ${d.disbursedOn}`,
              })),
            },
            { name: 'reason', label: 'Reason for the correction' },
            { name: 'correctedOn', label: 'Corrected on', kind: 'date', initial: today() },
            {
              name: 'replacement.invoiceReference',
              label: 'Right invoice reference (optional)',
              optional: true,
            },
            { name: 'replacement.invoiceDate', label: 'Right invoice date', kind: 'date', optional: true },
            {
              name: 'replacement.invoiceAmount',
              label: 'Right invoice amount',
              kind: 'money',
              currency: props.currency,
              optional: true,
            },
          ]}
          send={(v, money) => {
            const replacing = [
              v['replacement.invoiceReference'],
              v['replacement.invoiceDate'],
              v['replacement.invoiceAmount'],
            ].some((x) => x.trim() !== '');
            // A replacement partly filled is sent as it is: the API names the missing part next to its field.
            return api.post<Reversed | PendingAnswer>(
              `/cofinancing/grants/${props.grantId}/disbursements/${v.disbursementId}/reversal`,
              {
                reason: v.reason,
                correctedOn: v.correctedOn,
                ...(replacing
                  ? {
                      replacement: {
                        invoiceReference: v['replacement.invoiceReference'],
                        invoiceDate: v['replacement.invoiceDate'],
                        invoiceAmount: money['replacement.invoiceAmount'],
                      },
                    }
                  : {}),
              },
            );
          }}
          onDone={(result) => {
            if (isPendingAnswer(result)) setPending(result);
            else setAnswer(result as Reversed);
            props.onDone();
          }}
        />
      ) : null}
      {pending ? (
        <PendingNotice answer={pending} what={`the reversal of a disbursement of “${props.description}”`} />
      ) : null}
      {answer ? (
        <div role="status" className="outcome" aria-label="Disbursement reversed">
          <p>
            Reversed a disbursement of “{props.description}”
            {answer.replacement ? ' and recorded the right invoice in its place' : ''}.
          </p>
          <dl className="stats">
            <Stat label="Reversed" value={formatMoney(answer.reversed)} />
            <Stat label="Corrected event" value={<code>{answer.correctsEventId}</code>} />
            <Stat label="Corrected event position" value={answer.correctsPosition} />
            <Stat label="Replacement paid" value={answer.replacement ? formatMoney(answer.replacement.paid) : 'none'} />
            <Stat label="Invoiced total after" value={formatMoney(answer.invoicedTotal)} />
            <Stat label="Disbursed total after" value={formatMoney(answer.disbursedTotal)} />
            <Stat label="Commitment left after" value={formatMoney(answer.commitmentLeft)} />
            <Stat label="Recorded at position" value={answer.position} />
          </dl>
        </div>
      ) : null}
    </Card>
  );
}
