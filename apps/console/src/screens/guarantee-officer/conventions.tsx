import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import { CommandForm, DateField, SelectField, TextField, useDateSchema } from '../../ui/forms';
import { Card, DataState, PageTitle, Success } from '../../ui/kit';
import { BANKS, ConventionsTable } from './companies';
import { percentToBp, readMultiplier, today, useCompany, type CompanySummary } from './model';
import { WithCompany } from './parts';

/** A company's bank conventions, with their status, and the form that signs one. */
export function ConventionsScreen() {
  const { t } = useTranslation('guaranteeOfficer');
  return (
    <>
      <PageTitle>{t('conventions.title')}</PageTitle>
      <WithCompany>{(c) => <CompanyConventions company={c} />}</WithCompany>
    </>
  );
}

function CompanyConventions(props: { company: CompanySummary }) {
  const { t } = useTranslation('guaranteeOfficer');
  const company = useCompany(props.company.companyId);
  const dateSchema = useDateSchema();
  const format = useFormat();
  const [done, setDone] = useState<string | null>(null);
  const schema = z
    .object({
      bankId: z.enum(BANKS),
      multiplier: z.string().refine((v) => readMultiplier(v) !== null, t('conventions.badMultiplier')),
      coverageRate: z.string().refine((v) => percentToBp(v) !== null && percentToBp(v)! > 0, t('conventions.badRate')),
      ceilingBasis: z.enum(['guaranteed-amount', 'loan-principal']),
      validFrom: dateSchema(),
      validUntil: dateSchema(),
      signedOn: dateSchema(),
    })
    .refine((v) => v.validUntil > v.validFrom, { path: ['validUntil'], message: t('conventions.badDates') });
  const nextYear = `${Number(today().slice(0, 4)) + 5}${today().slice(4)}`;
  return (
    <div className="grid">
      <Card title={t('conventions.ofCompany', { name: props.company.name })} wide>
        {done ? <Success>{done}</Success> : null}
        <DataState query={company}>{(c) => <ConventionsTable conventions={c.conventions} />}</DataState>
      </Card>
      <Card title={t('conventions.sign')}>
        <CommandForm
          schema={schema}
          defaultValues={{
            bankId: 'CNCAS',
            multiplier: '',
            coverageRate: '',
            ceilingBasis: 'guaranteed-amount',
            validFrom: today(),
            validUntil: nextYear,
            signedOn: today(),
          }}
          label={t('conventions.sign')}
          submitLabel={t('conventions.signSubmit')}
          confirm={(v) => ({
            title: t('conventions.confirmTitle'),
            confirmLabel: t('conventions.confirm'),
            figures: [
              { label: t('conventions.bank'), value: v.bankId },
              { label: t('conventions.multiplier'), value: v.multiplier },
              { label: t('conventions.coverageRate'), value: format.bp(percentToBp(v.coverageRate) ?? 0) },
              {
                label: t('conventions.validity'),
                value: `${format.date(v.validFrom)} – ${format.date(v.validUntil)}`,
              },
            ],
          })}
          send={(v, key) =>
            api.post<{ capacity: MoneyJson; headroom: MoneyJson }>(
              '/bank-conventions',
              {
                companyId: props.company.companyId,
                bankId: v.bankId,
                multiplier: readMultiplier(v.multiplier),
                coverageRateBp: percentToBp(v.coverageRate),
                ceilingBasis: v.ceilingBasis,
                validFrom: v.validFrom,
                validUntil: v.validUntil,
                signedOn: v.signedOn,
              },
              key,
            )
          }
          onDone={(r, v) => setDone(t('conventions.signed', { bank: v.bankId, capacity: format.money(r.capacity) }))}
        >
          <SelectField
            name="bankId"
            label={t('conventions.bank')}
            options={BANKS.map((b) => ({ value: b, label: b }))}
          />
          <TextField name="multiplier" label={t('conventions.multiplier')} hint={t('conventions.multiplierHint')} />
          <TextField name="coverageRate" label={t('conventions.coverageRatePercent')} />
          <SelectField
            name="ceilingBasis"
            label={t('conventions.ceilingBasis')}
            options={[
              { value: 'guaranteed-amount', label: t('conventions.basis.guaranteed-amount') },
              { value: 'loan-principal', label: t('conventions.basis.loan-principal') },
            ]}
          />
          <DateField name="validFrom" label={t('conventions.validFrom')} />
          <DateField name="validUntil" label={t('conventions.validUntil')} />
          <DateField name="signedOn" label={t('conventions.signedOn')} />
        </CommandForm>
      </Card>
    </div>
  );
}
