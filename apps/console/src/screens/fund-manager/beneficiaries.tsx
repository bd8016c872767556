import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api';
import { useFormat } from '../../locale';
import { CommandForm, DateField, SelectField, TextField, useDateSchema, useRequired } from '../../ui/forms';
import { Card, DataState, DateText, Money, PageTitle, Rate, Stat, Stats, Success } from '../../ui/kit';
import { DataTable, byNumber, byText } from '../../ui/table';
import {
  BENEFICIARY_KINDS,
  today,
  useBeneficiaries,
  useFunds,
  useGrants,
  type Beneficiary,
  type BeneficiarySummary,
  type BeneficiaryYear,
} from './model';
import { GrantStatusBadge } from './parts';

const womenOwned = (value: string) => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** Beneficiaries (consortiums, clusters…) and enrolling one with its member firms. */
export function BeneficiariesScreen() {
  const { t } = useTranslation('fundManager');
  const beneficiaries = useBeneficiaries();
  const navigate = useNavigate();
  const required = useRequired();
  const dateSchema = useDateSchema();
  const format = useFormat();
  const schema = z.object({
    name: required(),
    kind: z.enum(BENEFICIARY_KINDS),
    enrolledOn: dateSchema(),
    firms: z.array(z.object({ name: required(), womenOwned: z.string() })),
  });
  return (
    <>
      <PageTitle>{t('beneficiaries.title')}</PageTitle>
      <Card title={t('beneficiaries.list')} wide>
        <DataState query={beneficiaries}>
          {(list) => (
            <div className="fm-same-caption">
              <DataTable<BeneficiarySummary>
                id="beneficiaires"
                caption={t('beneficiaries.list')}
                rows={list}
                rowKey={(b) => b.beneficiaryId}
                filterText={(b) => b.name}
                empty={t('beneficiaries.none')}
                columns={[
                  {
                    key: 'name',
                    header: t('beneficiaries.name'),
                    cell: (b) => <Link to={`/cofinancing/beneficiaries/${b.beneficiaryId}`}>{b.name}</Link>,
                    sort: (a, b) => byText(a.name, b.name),
                  },
                  { key: 'kind', header: t('beneficiaries.kind'), cell: (b) => t(`beneficiaryKind.${b.kind}`) },
                  {
                    key: 'enrolledOn',
                    header: t('beneficiaries.enrolledOn'),
                    cell: (b) => <DateText value={b.enrolledOn} />,
                    sort: (a, b) => byText(a.enrolledOn, b.enrolledOn),
                  },
                  {
                    key: 'firms',
                    header: t('beneficiaries.firms'),
                    numeric: true,
                    cell: (b) => format.integer(b.memberFirms),
                    sort: (a, b) => byNumber(a.memberFirms, b.memberFirms),
                  },
                  {
                    key: 'women',
                    header: t('beneficiaries.womenOwned'),
                    numeric: true,
                    cell: (b) =>
                      t('beneficiaries.womenOf', {
                        women: format.integer(b.womenOwnedFirms),
                        recorded: format.integer(b.womenOwnershipRecorded),
                      }),
                  },
                ]}
              />
            </div>
          )}
        </DataState>
      </Card>
      <Card title={t('beneficiaries.enrol')} wide>
        <CommandForm
          schema={schema}
          defaultValues={{ name: '', kind: 'export-consortium', enrolledOn: today(), firms: [] }}
          label={t('beneficiaries.enrol')}
          submitLabel={t('beneficiaries.enrolSubmit')}
          send={(v, key) =>
            api.post<{ beneficiaryId: string }>(
              '/cofinancing/beneficiaries',
              {
                name: v.name,
                kind: v.kind,
                enrolledOn: v.enrolledOn,
                memberFirms: v.firms.map((f) => ({ name: f.name, womenOwned: womenOwned(f.womenOwned) })),
              },
              key,
            )
          }
          onDone={(r) => navigate(`/cofinancing/beneficiaries/${r.beneficiaryId}`)}
        >
          <TextField name="name" label={t('beneficiaries.name')} />
          <SelectField
            name="kind"
            label={t('beneficiaries.kind')}
            options={BENEFICIARY_KINDS.map((k) => ({ value: k, label: t(`beneficiaryKind.${k}`) }))}
          />
          <DateField name="enrolledOn" label={t('beneficiaries.enrolledOn')} />
          <FirmRows />
        </CommandForm>
      </Card>
    </>
  );
}

function WomenOwnedField(props: { name: string; label: string }) {
  const { t } = useTranslation('fundManager');
  return (
    <SelectField
      name={props.name}
      label={props.label}
      options={[
        { value: '', label: t('firms.notRecorded') },
        { value: 'yes', label: t('firms.yes') },
        { value: 'no', label: t('firms.no') },
      ]}
    />
  );
}

function FirmRows() {
  const { t } = useTranslation('fundManager');
  const { control } = useFormContext<{ firms: { name: string; womenOwned: string }[] }>();
  const { fields, append, remove } = useFieldArray({ control, name: 'firms' });
  return (
    <fieldset className="firm-rows">
      <legend>{t('firms.title')}</legend>
      {fields.map((field, index) => (
        <div key={field.id} className="firm-row">
          <TextField name={`firms.${index}.name`} label={t('firms.nameN', { n: index + 1 })} />
          <WomenOwnedField name={`firms.${index}.womenOwned`} label={t('firms.womenOwnedN', { n: index + 1 })} />
          <button type="button" className="link" onClick={() => remove(index)}>
            {t('firms.remove', { n: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => append({ name: '', womenOwned: '' })}>
        {t('firms.add')}
      </button>
    </fieldset>
  );
}

/** One beneficiary: member firms, figures per participation year and window, its grants. */
export function BeneficiaryScreen() {
  const { beneficiaryId = '' } = useParams();
  const beneficiary = useQuery({
    queryKey: ['cofinancing', 'beneficiary', beneficiaryId],
    queryFn: () => api.get<Beneficiary>(`/cofinancing/beneficiaries/${encodeURIComponent(beneficiaryId)}`),
  });
  return (
    <DataState query={beneficiary}>
      {(b) => (
        <>
          <PageTitle>{b.name}</PageTitle>
          <div className="grid">
            <BeneficiaryFigures beneficiary={b} />
            <Firms beneficiary={b} />
            <BeneficiaryGrants beneficiaryId={b.beneficiaryId} />
          </div>
        </>
      )}
    </DataState>
  );
}

function BeneficiaryFigures(props: { beneficiary: Beneficiary }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const b = props.beneficiary;
  return (
    <Card title={t('beneficiary.figures')} wide>
      <Stats>
        <Stat label={t('beneficiaries.kind')} value={t(`beneficiaryKind.${b.kind}`)} />
        <Stat label={t('beneficiaries.enrolledOn')} value={<DateText value={b.enrolledOn} />} />
        <Stat label={t('beneficiaries.firms')} value={format.integer(b.memberFirms)} />
        <Stat
          label={t('beneficiaries.womenOwned')}
          value={t('beneficiaries.womenOf', {
            women: format.integer(b.womenOwnedFirms),
            recorded: format.integer(b.womenOwnershipRecorded),
          })}
        />
      </Stats>
      <DataTable<BeneficiaryYear>
        id="annees"
        caption={t('beneficiary.years')}
        rows={b.years}
        rowKey={(y) => `${y.windowId}-${y.participationYear}`}
        empty={t('beneficiary.noYears')}
        columns={[
          {
            key: 'year',
            header: t('grants.year'),
            numeric: true,
            cell: (y) => format.integer(y.participationYear),
            sort: (a, b) => byNumber(a.participationYear, b.participationYear),
          },
          {
            key: 'eligible',
            header: t('grants.eligibleCost'),
            numeric: true,
            cell: (y) => <Money value={y.eligibleCost} />,
          },
          { key: 'subsidy', header: t('grants.subsidy'), numeric: true, cell: (y) => <Money value={y.subsidy} /> },
          { key: 'own', header: t('grants.ownShare'), numeric: true, cell: (y) => <Money value={y.ownShare} /> },
          {
            key: 'rate',
            header: t('beneficiary.effectiveRate'),
            numeric: true,
            cell: (y) => <Rate bp={y.effectiveRateBp} />,
          },
          {
            key: 'disbursed',
            header: t('balance.disbursed'),
            numeric: true,
            cell: (y) => <Money value={y.disbursed} />,
          },
        ]}
      />
    </Card>
  );
}

function Firms(props: { beneficiary: Beneficiary }) {
  const { t } = useTranslation('fundManager');
  const required = useRequired();
  const dateSchema = useDateSchema();
  const [done, setDone] = useState<string | null>(null);
  const b = props.beneficiary;
  const schema = z.object({ name: required(), womenOwned: z.string(), joinedOn: dateSchema() });
  const owned = (value: boolean | null) => t(value === null ? 'firms.notRecorded' : value ? 'firms.yes' : 'firms.no');
  return (
    <>
      <Card title={t('firms.title')} wide>
        {done ? <Success>{done}</Success> : null}
        <div className="fm-same-caption">
          <DataTable
            id="entreprises"
            caption={t('firms.title')}
            rows={b.firms}
            rowKey={(f) => f.firmId}
            filterText={(f) => f.name}
            empty={t('firms.none')}
            columns={[
              { key: 'name', header: t('firms.name'), cell: (f) => f.name, sort: (x, y) => byText(x.name, y.name) },
              { key: 'women', header: t('firms.womenOwned'), cell: (f) => owned(f.womenOwned) },
              { key: 'joinedOn', header: t('firms.joinedOn'), cell: (f) => <DateText value={f.joinedOn} /> },
            ]}
          />
        </div>
      </Card>
      <Card title={t('firms.addTitle')}>
        <CommandForm
          schema={schema}
          defaultValues={{ name: '', womenOwned: '', joinedOn: today() }}
          label={t('firms.addTitle')}
          submitLabel={t('firms.addSubmit')}
          send={(v, key) =>
            api.post(
              `/cofinancing/beneficiaries/${b.beneficiaryId}/member-firms`,
              { name: v.name, womenOwned: womenOwned(v.womenOwned), joinedOn: v.joinedOn },
              key,
            )
          }
          onDone={(_r, v) => setDone(t('firms.added', { name: v.name }))}
        >
          <TextField name="name" label={t('firms.name')} />
          <WomenOwnedField name="womenOwned" label={t('firms.womenOwned')} />
          <DateField name="joinedOn" label={t('firms.joinedOn')} />
        </CommandForm>
      </Card>
    </>
  );
}

function BeneficiaryGrants(props: { beneficiaryId: string }) {
  const { t } = useTranslation('fundManager');
  const grants = useGrants({ beneficiaryId: props.beneficiaryId });
  const funds = useFunds();
  const fundName = (id: string) => funds.data?.find((f) => f.fundId === id)?.name ?? id;
  return (
    <Card title={t('nav.grants')} wide>
      <DataState query={grants}>
        {(list) => (
          <div className="fm-same-caption">
            <DataTable
              id="subventions"
              caption={t('nav.grants')}
              rows={list}
              rowKey={(g) => g.grantId}
              empty={t('grants.none')}
              columns={[
                {
                  key: 'description',
                  header: t('grants.description'),
                  cell: (g) => <Link to={`/cofinancing/grants/${g.grantId}`}>{g.description}</Link>,
                },
                { key: 'fund', header: t('grants.fund'), cell: (g) => fundName(g.fundId) },
                { key: 'year', header: t('grants.year'), numeric: true, cell: (g) => g.participationYear },
                { key: 'status', header: t('grants.status'), cell: (g) => <GrantStatusBadge status={g.status} /> },
                {
                  key: 'subsidy',
                  header: t('grants.subsidy'),
                  numeric: true,
                  cell: (g) => <Money value={g.subsidy} />,
                },
              ]}
            />
          </div>
        )}
      </DataState>
    </Card>
  );
}
