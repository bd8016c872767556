import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import type { ChartConfiguration } from 'chart.js';
import { z } from 'zod';
import { api } from '../../api';
import { useFormat } from '../../locale';
import { chartValue } from '../../money';
import { ChartCanvas } from '../../ui/chart';
import {
  AmountField,
  CommandForm,
  DateField,
  SelectField,
  TextField,
  useAmountSchema,
  useDateSchema,
  useRequired,
  useToMoney,
} from '../../ui/forms';
import { Card, DataState, DateText, Money, PageTitle, Rate, Stat, Stats, Success } from '../../ui/kit';
import {
  SUPPORT_KINDS,
  percentToBp,
  today,
  useWindows,
  type Fund,
  type FundWindow,
  type ScheduleVersion,
} from './model';
import { WithFund } from './parts';

/** The windows (support kinds) of a fund, each with its declining cost-share schedule; opening one. */
export function WindowsScreen() {
  const { t } = useTranslation('fundManager');
  return (
    <>
      <PageTitle>{t('windows.title')}</PageTitle>
      <WithFund>{(fund) => <FundWindows key={fund.fundId} fund={fund} />}</WithFund>
    </>
  );
}

function FundWindows(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const windows = useWindows(props.fund.fundId);
  return (
    <div className="grid">
      <DataState query={windows} isEmpty={(list) => list.length === 0} empty={t('windows.none')}>
        {(list) => list.map((w) => <WindowCard key={w.windowId} window={w} />)}
      </DataState>
      <OpenWindow fund={props.fund} />
    </div>
  );
}

function WindowCard(props: { window: FundWindow }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const [amending, setAmending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const w = props.window;
  const current = w.schedules.find((s) => s.version === w.currentScheduleVersion) ?? w.schedules.at(-1);
  const earlier = w.schedules.filter((s) => s !== current);
  return (
    <Card
      title={w.name}
      wide
      id={`guichet-${w.windowId}`}
      actions={
        current ? (
          <button type="button" aria-expanded={amending} onClick={() => setAmending((open) => !open)}>
            {t('amend.open', { name: w.name })}
          </button>
        ) : null
      }
    >
      {done ? <Success>{done}</Success> : null}
      <Stats>
        <Stat label={t('windows.supportKind')} value={t(`supportKind.${w.supportKind}`)} />
        <Stat label={t('windows.openedOn')} value={<DateText value={w.openedOn} />} />
        <Stat label={t('balance.committed')} value={<Money value={w.committed} />} />
        <Stat label={t('balance.disbursed')} value={<Money value={w.disbursed} />} />
        <Stat label={t('balance.grantsApproved')} value={format.integer(w.grantsApproved)} />
      </Stats>
      {current ? (
        <div className="schedule">
          <ScheduleTable
            schedule={current}
            caption={t('windows.scheduleCaption', { name: w.name, version: current.version })}
          />
          <ScheduleChart schedule={current} label={t('windows.chartLabel', { name: w.name })} />
        </div>
      ) : null}
      {earlier.length ? (
        <details>
          <summary>{t('windows.earlier', { count: earlier.length })}</summary>
          {earlier.map((s) => (
            <ScheduleTable
              key={s.version}
              schedule={s}
              caption={t('windows.scheduleCaption', { name: w.name, version: s.version })}
            />
          ))}
        </details>
      ) : null}
      {amending && current ? (
        <AmendSchedule
          window={w}
          current={current}
          onDone={(text) => {
            setDone(text);
            setAmending(false);
          }}
        />
      ) : null}
    </Card>
  );
}

export function ScheduleTable(props: { schedule: ScheduleVersion; caption: string }) {
  const { t } = useTranslation('fundManager');
  const s = props.schedule;
  return (
    <div className="table-block">
      <table className="data">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schedule.year')}</th>
            <th scope="col" className="num">
              {t('schedule.rate')}
            </th>
            <th scope="col" className="num">
              {t('schedule.cap')}
            </th>
          </tr>
        </thead>
        <tbody>
          {s.years.map((year, index) => (
            <tr key={index}>
              <th scope="row" data-label={t('schedule.year')}>
                {t('schedule.yearN', { n: index + 1 })}
              </th>
              <td className="num" data-label={t('schedule.rate')}>
                <Rate bp={year.rateBp} />
              </td>
              <td className="num" data-label={t('schedule.cap')}>
                <Money value={year.cap} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" data-label={t('schedule.year')}>
              {t('schedule.after')}
            </th>
            {s.afterLastYear.rule === 'ineligible' ? (
              <td colSpan={2} data-label={t('schedule.rate')}>
                {t('schedule.ineligible')}
              </td>
            ) : (
              <>
                <td className="num" data-label={t('schedule.rate')}>
                  <Rate bp={s.afterLastYear.rateBp} />
                </td>
                <td className="num" data-label={t('schedule.cap')}>
                  <Money value={s.afterLastYear.cap} />
                </td>
              </>
            )}
          </tr>
        </tbody>
      </table>
      <p className="hint">
        {t('schedule.effectiveFrom')} <DateText value={s.effectiveFrom} />
      </p>
    </div>
  );
}

function ScheduleChart(props: { schedule: ScheduleVersion; label: string }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const years = props.schedule.years;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: years.map((_y, i) => t('schedule.yearN', { n: i + 1 })),
        datasets: [
          {
            type: 'bar',
            label: t('schedule.rate'),
            data: years.map((y) => y.rateBp / 100),
            backgroundColor: '#1f5f99',
            yAxisID: 'rate',
          },
          {
            type: 'line',
            label: t('schedule.cap'),
            data: years.map((y) => chartValue(y.cap)),
            borderColor: '#c77c02',
            backgroundColor: '#c77c02',
            yAxisID: 'cap',
          },
        ],
      },
      options: {
        scales: {
          rate: {
            type: 'linear',
            position: 'left',
            min: 0,
            max: 100,
            ticks: { callback: (v) => format.bp(Number(v) * 100) },
          },
          cap: {
            type: 'linear',
            position: 'right',
            min: 0,
            grid: { drawOnChartArea: false },
            ticks: { callback: (v) => format.integer(Number(v)) },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
    [years, t, format],
  );
  return <ChartCanvas config={config} label={props.label} height={220} />;
}

interface YearValues {
  rate: string;
  cap: string;
}

interface ScheduleValues {
  effectiveFrom: string;
  years: YearValues[];
  afterRule: 'ineligible' | 'floor-rate';
  afterRate: string;
  afterCap: string;
}

/** The schedule's fields (years, after the last year), checked as typed; and the API's body from them. */
function useSchedule(currency: string) {
  const { t } = useTranslation('fundManager');
  const dateSchema = useDateSchema();
  const amountSchema = useAmountSchema();
  const toMoney = useToMoney();
  const rate = z.string().refine((v) => percentToBp(v) !== null, t('schedule.badRate'));
  const fields = {
    effectiveFrom: dateSchema(),
    years: z.array(z.object({ rate, cap: amountSchema(currency) })).min(1),
    afterRule: z.enum(['ineligible', 'floor-rate']),
    afterRate: z.string(),
    afterCap: amountSchema(currency, { optional: true }),
  };
  const refine = (v: ScheduleValues, ctx: z.RefinementCtx) => {
    if (v.afterRule !== 'floor-rate') return;
    if (percentToBp(v.afterRate) === null)
      ctx.addIssue({ code: 'custom', path: ['afterRate'], message: t('schedule.badRate') });
    if (!v.afterCap.trim()) ctx.addIssue({ code: 'custom', path: ['afterCap'], message: t('schedule.capNeeded') });
  };
  const body = (v: ScheduleValues) => ({
    effectiveFrom: v.effectiveFrom,
    years: v.years.map((y) => ({ rateBp: percentToBp(y.rate), cap: toMoney(y.cap, currency) })),
    afterLastYear:
      v.afterRule === 'ineligible'
        ? { rule: 'ineligible' }
        : { rule: 'floor-rate', rateBp: percentToBp(v.afterRate), cap: toMoney(v.afterCap, currency) },
  });
  return { fields, refine, body };
}

function ScheduleFields(props: { currency: string }) {
  const { t } = useTranslation('fundManager');
  return (
    <>
      <DateField name="effectiveFrom" label={t('schedule.effectiveFrom')} />
      <ScheduleYears currency={props.currency} />
      <SelectField
        name="afterRule"
        label={t('schedule.afterRule')}
        options={[
          { value: 'ineligible', label: t('schedule.ineligible') },
          { value: 'floor-rate', label: t('schedule.floorRate') },
        ]}
      />
      <AfterLastYear currency={props.currency} />
    </>
  );
}

function OpenWindow(props: { fund: Fund }) {
  const { t } = useTranslation('fundManager');
  const required = useRequired();
  const dateSchema = useDateSchema();
  const [done, setDone] = useState<string | null>(null);
  const currency = props.fund.currency;
  const schedule = useSchedule(currency);
  const schema = z
    .object({
      ...schedule.fields,
      name: required(),
      supportKind: z.enum(SUPPORT_KINDS),
      openedOn: dateSchema(),
    })
    .superRefine(schedule.refine);
  type Values = z.infer<typeof schema>;
  const day = props.fund.createdOn > today() ? props.fund.createdOn : today();
  return (
    <Card title={t('windows.open')} wide>
      {done ? <Success>{done}</Success> : null}
      <CommandForm<Values, unknown>
        schema={schema}
        defaultValues={{
          name: '',
          supportKind: 'consortium-promotion',
          openedOn: day,
          effectiveFrom: day,
          years: [{ rate: '', cap: '' }],
          afterRule: 'ineligible',
          afterRate: '',
          afterCap: '',
        }}
        label={t('windows.open')}
        submitLabel={t('windows.openSubmit')}
        send={(v, key) =>
          api.post(
            `/cofinancing/funds/${props.fund.fundId}/windows`,
            { name: v.name, supportKind: v.supportKind, openedOn: v.openedOn, schedule: schedule.body(v) },
            key,
          )
        }
        onDone={(_r, v) => setDone(t('windows.opened', { name: v.name }))}
      >
        <TextField name="name" label={t('windows.name')} />
        <SelectField
          name="supportKind"
          label={t('windows.supportKind')}
          options={SUPPORT_KINDS.map((k) => ({ value: k, label: t(`supportKind.${k}`) }))}
        />
        <DateField name="openedOn" label={t('windows.openedOn')} />
        <ScheduleFields currency={currency} />
      </CommandForm>
    </Card>
  );
}

/** A new version of a window's schedule, from its effective date; the form starts from the current one. */
function AmendSchedule(props: { window: FundWindow; current: ScheduleVersion; onDone: (text: string) => void }) {
  const { t } = useTranslation('fundManager');
  const format = useFormat();
  const dateSchema = useDateSchema();
  const currency = props.current.years[0]?.cap.currency ?? 'MAD';
  const schedule = useSchedule(currency);
  const toMoney = useToMoney();
  const schema = z.object({ ...schedule.fields, amendedOn: dateSchema() }).superRefine(schedule.refine);
  type Values = z.infer<typeof schema>;
  const percent = (bp: number | null) => (bp === null ? '' : format.bp(bp).replace(/\s*%$/, ''));
  const c = props.current;
  const title = t('amend.title', { name: props.window.name });
  return (
    <CommandForm<Values, { scheduleVersion: number }>
      schema={schema}
      defaultValues={{
        amendedOn: today(),
        effectiveFrom: today(),
        years: c.years.map((y) => ({ rate: percent(y.rateBp), cap: format.minor(y.cap.amountMinor, y.cap.currency) })),
        afterRule: c.afterLastYear.rule,
        afterRate: percent(c.afterLastYear.rateBp),
        afterCap: c.afterLastYear.cap ? format.minor(c.afterLastYear.cap.amountMinor, currency) : '',
      }}
      label={title}
      submitLabel={t('amend.submit')}
      confirm={(v) => ({
        title,
        confirmLabel: t('amend.confirmButton'),
        figures: [
          { label: t('amend.version'), value: format.integer(c.version + 1) },
          { label: t('schedule.effectiveFrom'), value: format.date(v.effectiveFrom) },
          ...v.years.map((y, i) => ({
            label: t('schedule.yearN', { n: i + 1 }),
            value: `${format.bp(percentToBp(y.rate))} — ${format.money(toMoney(y.cap, currency))}`,
          })),
        ],
      })}
      send={(v, key) =>
        api.post<{ scheduleVersion: number }>(
          `/cofinancing/funds/${props.window.fundId}/windows/${props.window.windowId}/schedule-amendments`,
          { amendedOn: v.amendedOn, schedule: schedule.body(v) },
          key,
        )
      }
      onDone={(r) => props.onDone(t('amend.done', { version: format.integer(r.scheduleVersion) }))}
    >
      <DateField name="amendedOn" label={t('amend.amendedOn')} />
      <ScheduleFields currency={currency} />
    </CommandForm>
  );
}

/** The schedule's years, one row per participation year: rate (%) and cap; add and remove rows. */
function ScheduleYears(props: { currency: string }) {
  const { t } = useTranslation('fundManager');
  const { control } = useFormContext<{ years: YearValues[] }>();
  const { fields, append, remove } = useFieldArray({ control, name: 'years' });
  return (
    <fieldset className="schedule-years">
      <legend>{t('schedule.years')}</legend>
      {fields.map((field, index) => (
        <div key={field.id} className="schedule-year">
          <TextField name={`years.${index}.rate`} label={t('schedule.rateOfYear', { n: index + 1 })} placeholder="75" />
          <AmountField
            name={`years.${index}.cap`}
            label={t('schedule.capOfYear', { n: index + 1 })}
            currency={props.currency}
          />
          {fields.length > 1 ? (
            <button type="button" className="link" onClick={() => remove(index)}>
              {t('schedule.removeYear', { n: index + 1 })}
            </button>
          ) : null}
        </div>
      ))}
      <button type="button" onClick={() => append({ rate: '', cap: '' })}>
        {t('schedule.addYear')}
      </button>
    </fieldset>
  );
}

function AfterLastYear(props: { currency: string }) {
  const { t } = useTranslation('fundManager');
  const { control } = useFormContext<{ afterRule: string }>();
  const rule = useWatch({ control, name: 'afterRule' });
  if (rule !== 'floor-rate') return null;
  return (
    <>
      <TextField name="afterRate" label={t('schedule.floorRateValue')} />
      <AmountField name="afterCap" label={t('schedule.floorCap')} currency={props.currency} />
    </>
  );
}
