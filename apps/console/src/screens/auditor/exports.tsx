import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProvider, useForm } from 'react-hook-form';
import { api, ApiError, q } from '../../api';
import { Card, ErrorNotice, PageTitle, Success } from '../../ui/kit';
import { DateField, SelectField } from '../../ui/forms';
import { EventTypeField, STREAM_PREFIXES, useFieldRefusal } from './model';

/** How a CSV is written: for French Excel (`;`, decimal comma, UTF-8 BOM) or as RFC 4180 (`,`). */
export type CsvDialect = 'excel-fr' | 'rfc4180';
const DIALECT_KEY = 'ledger-console-csv-dialect';

/** The CSV dialect the auditor chose last (in this browser), French Excel by default. */
export function useCsvDialect(): [CsvDialect, (dialect: CsvDialect) => void] {
  const [dialect, setDialect] = useState<CsvDialect>(() =>
    localStorage.getItem(DIALECT_KEY) === 'rfc4180' ? 'rfc4180' : 'excel-fr',
  );
  return [
    dialect,
    (next) => {
      localStorage.setItem(DIALECT_KEY, next);
      setDialect(next);
    },
  ];
}

/** The query parameter of the chosen dialect (`dialect=excel-fr`; the standard CSV needs none). */
export const dialectParam = (dialect: CsvDialect) => (dialect === 'excel-fr' ? 'excel-fr' : undefined);

/** The choice between the two CSV dialects, as radio buttons. */
export function CsvDialectChoice(props: { value: CsvDialect; onChange: (dialect: CsvDialect) => void }) {
  const { t } = useTranslation('auditor');
  return (
    <fieldset className="audit-dialect">
      <legend>{t('exports.dialect')}</legend>
      {(['excel-fr', 'rfc4180'] as const).map((d) => (
        <label key={d}>
          <input
            type="radio"
            name="csv-dialect"
            value={d}
            checked={props.value === d}
            onChange={() => props.onChange(d)}
          />{' '}
          {t(`exports.dialects.${d}`)}
        </label>
      ))}
    </fieldset>
  );
}

interface BalancesForm {
  asOf: string;
}
interface EventsForm {
  prefix: string;
  type: string;
}

/**
 * Files an auditor opens elsewhere: every balance (live or as of a date) and the log, as CSV
 * (French Excel or standard) or NDJSON. A refused date is said next to its field.
 */
export function Exports() {
  const { t } = useTranslation('auditor');
  const refusal = useFieldRefusal();
  const [dialect, setDialect] = useCsvDialect();
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const balances = useForm<BalancesForm>({ defaultValues: { asOf: '' } });
  const events = useForm<EventsForm>({ defaultValues: { prefix: '', type: '' } });

  const download = async (path: string, filename: string, place: (error: unknown) => boolean) => {
    setDone(null);
    setFailure(null);
    try {
      await api.download(path, filename);
      setDone(filename);
    } catch (error) {
      if (error instanceof ApiError && error.forField('dialect').length) setFailure(new Error(t('exports.noDialect')));
      else if (!place(error)) setFailure(error);
    }
  };

  const balancesAs = (format: 'csv' | 'ndjson') =>
    balances.handleSubmit(({ asOf }) =>
      download(
        `/audit/exports/balances.${format}${q({ asOf, dialect: format === 'csv' ? dialectParam(dialect) : undefined })}`,
        `${t('exports.balancesFile', { when: asOf || t('exports.live') })}.${format}`,
        (error) => {
          const problem = refusal(error, ['asOf']);
          if (problem) balances.setError('asOf', { type: 'server', message: problem.message });
          return Boolean(problem);
        },
      ),
    );
  const eventsAs = (format: 'csv' | 'ndjson') =>
    events.handleSubmit(({ prefix, type }) =>
      download(
        `/audit/exports/events.${format}${q({
          streamPrefix: prefix,
          type: type.trim(),
          dialect: format === 'csv' ? dialectParam(dialect) : undefined,
        })}`,
        `${t('exports.eventsFile')}.${format}`,
        (error) => {
          const problem = refusal(error, ['type', 'streamPrefix']);
          if (problem)
            events.setError(problem.field === 'type' ? 'type' : 'prefix', { type: 'server', message: problem.message });
          return Boolean(problem);
        },
      ),
    );

  return (
    <>
      <PageTitle>{t('exports.title')}</PageTitle>
      <p>{t('exports.intro')}</p>
      <div className="grid">
        <Card title={t('exports.format')} wide>
          <p>{t('exports.formatHint')}</p>
          <CsvDialectChoice value={dialect} onChange={setDialect} />
        </Card>
        <Card title={t('exports.balances')}>
          <FormProvider {...balances}>
            <form aria-label={t('exports.balances')} noValidate onSubmit={(e) => void balancesAs('csv')(e)}>
              <DateField name="asOf" label={t('exports.asOf')} hint={t('exports.asOfHint')} />
              <div className="buttons">
                <button type="submit" className="primary">
                  {t('exports.downloadCsv')}
                </button>
                <button type="button" onClick={(e) => void balancesAs('ndjson')(e)}>
                  {t('exports.downloadNdjson')}
                </button>
              </div>
            </form>
          </FormProvider>
        </Card>
        <Card title={t('exports.events')}>
          <FormProvider {...events}>
            <form aria-label={t('exports.events')} noValidate onSubmit={(e) => void eventsAs('csv')(e)}>
              <SelectField
                name="prefix"
                label={t('timeline.prefix')}
                placeholder={t('timeline.allStreams')}
                options={STREAM_PREFIXES.map((p) => ({ value: p, label: t(`streams.${p.replace(/[.-]$/, '')}`) }))}
              />
              <EventTypeField name="type" label={t('timeline.type')} />
              <div className="buttons">
                <button type="submit" className="primary">
                  {t('exports.downloadCsv')}
                </button>
                <button type="button" onClick={(e) => void eventsAs('ndjson')(e)}>
                  {t('exports.downloadNdjson')}
                </button>
              </div>
            </form>
          </FormProvider>
        </Card>
      </div>
      {done ? <Success>{t('exports.done', { file: done })}</Success> : null}
      <ErrorNotice error={failure} />
    </>
  );
}
