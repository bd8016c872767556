import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { FormProvider, useForm } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import { api, q } from '../../api';
import { useFormat } from '../../locale';
import { Card, DataState, Empty, PageTitle, Stat, Stats } from '../../ui/kit';
import { SelectField, TextField } from '../../ui/forms';
import { EventTypeField, isMoney, STREAM_PREFIXES, useFieldRefusal, type AuditEventPage } from './model';

const PAGE = 50;

interface TimelineFilters {
  prefix: string;
  type: string;
  from: string;
}

/**
 * The whole log in global order, a page at a time, filtered by family of streams (or one
 * stream), by event type, from a position. Everything is in the address: Back and reload keep
 * the page; each event opens on its own page.
 */
export function Timeline() {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const refusal = useFieldRefusal();
  const [params, setParams] = useSearchParams();
  const prefix = params.get('prefix') ?? '';
  const type = params.get('type') ?? '';
  const asked = params.get('after') ?? '0';
  const after = /^(0|[1-9][0-9]{0,18})$/.test(asked) ? asked : '0';
  const back = (params.get('back') ?? '').split(',').filter(Boolean);

  const form = useForm<TimelineFilters>({
    values: { prefix, type, from: after === '0' ? '' : String(BigInt(after) + 1n) },
  });
  const events = useQuery({
    queryKey: ['audit-events', prefix, type, after],
    queryFn: () => api.get<AuditEventPage>(`/audit/events${q({ limit: PAGE, after, type, streamPrefix: prefix })}`),
  });

  const problem = refusal(events.error, ['type', 'streamPrefix', 'after']);
  useEffect(() => {
    if (!problem) return;
    const field = problem.field === 'streamPrefix' ? 'prefix' : problem.field === 'after' ? 'from' : 'type';
    form.setError(field, { type: 'server', message: problem.message });
  }, [problem?.field, problem?.message]);

  const go = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
      }
      return next;
    });

  const submit = form.handleSubmit((values) => {
    const from = values.from.trim();
    if (from && !/^[1-9][0-9]{0,18}$/.test(from)) {
      form.setError('from', { type: 'client', message: t('timeline.badPosition') });
      return;
    }
    go({
      prefix: values.prefix,
      type: values.type.trim(),
      after: from ? String(BigInt(from) - 1n) : null,
      back: null,
    });
  });

  const prefixOptions = [
    ...STREAM_PREFIXES.map((p) => ({ value: p, label: t(`streams.${p.replace(/[.-]$/, '')}`) })),
    ...(prefix && !(STREAM_PREFIXES as readonly string[]).includes(prefix)
      ? [{ value: prefix, label: t('timeline.oneStream', { stream: prefix }) }]
      : []),
  ];

  return (
    <>
      <PageTitle>{t('timeline.title')}</PageTitle>
      <p>{t('timeline.intro')}</p>
      <FormProvider {...form}>
        <form className="filters" onSubmit={submit} aria-label={t('timeline.filters')} noValidate>
          <SelectField
            name="prefix"
            label={t('timeline.prefix')}
            placeholder={t('timeline.allStreams')}
            options={prefixOptions}
          />
          <EventTypeField name="type" label={t('timeline.type')} />
          <TextField name="from" label={t('timeline.from')} placeholder="1" />
          <div className="actions">
            <button type="submit" className="primary">
              {t('timeline.apply')}
            </button>
          </div>
        </form>
      </FormProvider>
      {problem ? null : (
        <DataState query={events}>
          {(page) => (
            <Card title={t('timeline.events')} wide>
              {page.items.length === 0 ? (
                <Empty>{t('timeline.empty')}</Empty>
              ) : (
                <table className="data audit-events">
                  <caption>
                    {t('timeline.range', {
                      from: format.integer(BigInt(page.items[0].position)),
                      to: format.integer(BigInt(page.items[page.items.length - 1].position)),
                      head: format.integer(BigInt(page.headPosition)),
                    })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t('event.position')}
                      </th>
                      <th scope="col">{t('event.businessDate')}</th>
                      <th scope="col">{t('event.type')}</th>
                      <th scope="col">{t('event.stream')}</th>
                      <th scope="col">{t('event.actor')}</th>
                      <th scope="col">{t('event.recordedAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((e) => (
                      <tr key={e.position}>
                        <td data-label={t('event.position')} className="num">
                          <Link
                            to={`events/${e.position}`}
                            state={{ timeline: params.toString() }}
                            aria-label={t('timeline.open', { position: e.position })}
                          >
                            {e.position}
                          </Link>
                        </td>
                        <td data-label={t('event.businessDate')}>{format.date(e.businessTime)}</td>
                        <td data-label={t('event.type')}>
                          <Link to={`events/${e.position}`} state={{ timeline: params.toString() }}>
                            <code>{e.type}</code>
                          </Link>
                        </td>
                        <td data-label={t('event.stream')} className="audit-stream">
                          <code>{e.streamId}</code> <small>{t('event.revisionShort', { revision: e.revision })}</small>
                        </td>
                        <td data-label={t('event.actor')}>
                          {e.actor ?? '—'} {e.role ? <small>{t(`common:role.${e.role}`)}</small> : null}
                        </td>
                        <td data-label={t('event.recordedAt')}>{format.dateTime(e.recordedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <nav className="pager audit-pager" aria-label={t('timeline.pages')}>
                <button type="button" disabled={after === '0'} onClick={() => go({ after: null, back: null })}>
                  {t('timeline.first')}
                </button>
                <button
                  type="button"
                  disabled={back.length === 0}
                  onClick={() => go({ after: back[back.length - 1], back: back.slice(0, -1).join(',') })}
                >
                  {t('common:table.previous')}
                </button>
                <button
                  type="button"
                  disabled={!page.hasMore}
                  onClick={() => go({ after: page.nextAfter, back: [...back, after].join(',') })}
                >
                  {t('common:table.next')}
                </button>
                <button
                  type="button"
                  disabled={!page.hasMore}
                  onClick={() => {
                    const last = BigInt(page.headPosition) - BigInt(PAGE);
                    go({ after: String(last > 0n ? last : 0n), back: [...back, after].join(',') });
                  }}
                >
                  {t('timeline.latest')}
                </button>
              </nav>
            </Card>
          )}
        </DataState>
      )}
    </>
  );
}

/** One event of the log, opened: its metadata and its payload, field by field and as stored. */
export function EventDetail() {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const { position = '' } = useParams();
  // Back to the page of the log the event was opened from, filters and all.
  const from = (useLocation().state as { timeline?: string } | null)?.timeline;
  const valid = /^[1-9][0-9]{0,18}$/.test(position);
  const event = useQuery({
    queryKey: ['audit-event', position],
    enabled: valid,
    queryFn: async () => {
      const page = await api.get<AuditEventPage>(
        `/audit/events${q({ after: String(BigInt(position) - 1n), limit: 1 })}`,
      );
      const found = page.items.find((e) => e.position === position);
      return { event: found ?? null, head: page.headPosition };
    },
  });
  return (
    <>
      <PageTitle>{t('event.title', { position })}</PageTitle>
      <p>
        <Link to={from ? `..?${from}` : '..'}>{t('event.backToTimeline')}</Link>
      </p>
      {!valid ? (
        <Empty>{t('event.notFound')}</Empty>
      ) : (
        <DataState query={event} isEmpty={(found) => found.event === null} empty={t('event.notFound')}>
          {({ event: e, head }) =>
            e ? (
              <div className="grid">
                <Card title={t('event.metadata')}>
                  <Stats>
                    <Stat label={t('event.position')} value={e.position} />
                    <Stat label={t('event.businessDate')} value={format.date(e.businessTime)} />
                    <Stat label={t('event.recordedAt')} value={format.dateTime(e.recordedAt)} />
                    <Stat label={t('event.actor')} value={e.actor ?? '—'} />
                    <Stat label={t('event.role')} value={e.role ? t(`common:role.${e.role}`) : '—'} />
                  </Stats>
                  <dl className="audit-meta">
                    <Meta label={t('event.type')}>
                      <code>{e.type}</code>
                    </Meta>
                    <Meta label={t('event.stream')}>
                      <Link to={`..?${new URLSearchParams({ prefix: e.streamId }).toString()}`}>
                        <code>{e.streamId}</code>
                      </Link>{' '}
                      {t('event.revisionShort', { revision: e.revision })}
                    </Meta>
                    <Meta label={t('event.correlation')}>
                      <code>{e.correlationId ?? '—'}</code>
                    </Meta>
                    <Meta label={t('event.causation')}>
                      <code>{e.causationId ?? '—'}</code>
                    </Meta>
                    <Meta label={t('event.idempotencyKey')}>
                      <code>{e.idempotencyKey ?? '—'}</code>
                    </Meta>
                    <Meta label={t('event.id')}>
                      <code>{e.id}</code>
                    </Meta>
                    <Meta label={t('event.schemaVersion')}>{e.schemaVersion}</Meta>
                    <Meta label={t('event.hash')}>
                      <code>{e.hash ?? t('event.noHash')}</code>
                    </Meta>
                  </dl>
                  <nav className="buttons" aria-label={t('event.neighbours')}>
                    {e.position !== '1' ? (
                      <Link to={`../events/${BigInt(e.position) - 1n}`}>{t('event.previous')}</Link>
                    ) : null}
                    {BigInt(e.position) < BigInt(head) ? (
                      <Link to={`../events/${BigInt(e.position) + 1n}`}>{t('event.next')}</Link>
                    ) : null}
                  </nav>
                </Card>
                <Card title={t('event.data')}>
                  <Payload data={e.data} />
                  <details>
                    <summary>{t('event.asStored')}</summary>
                    <pre className="audit-json">{JSON.stringify(e.data, null, 2)}</pre>
                  </details>
                </Card>
                <SameOperation event={e} />
              </div>
            ) : null
          }
        </DataState>
      )}
    </>
  );
}

/**
 * The other events of the same operation (one command writes its events together, under one
 * correlation id): read from the positions around this one.
 */
function SameOperation(props: { event: AuditEventPage['items'][number] }) {
  const { t } = useTranslation('auditor');
  const e = props.event;
  const around = useQuery({
    queryKey: ['audit-event-around', e.position],
    enabled: e.correlationId !== null,
    queryFn: async () => {
      const start = BigInt(e.position) - 21n;
      const page = await api.get<AuditEventPage>(
        `/audit/events${q({ after: String(start > 0n ? start : 0n), limit: 41 })}`,
      );
      return page.items.filter((other) => other.correlationId === e.correlationId && other.position !== e.position);
    },
  });
  if (e.correlationId === null || !around.data?.length) return null;
  return (
    <Card title={t('event.sameOperation')}>
      <ul className="audit-same">
        {around.data.map((other) => (
          <li key={other.position}>
            <Link to={`../events/${other.position}`}>
              {t('event.numbered', { position: other.position })} — <code>{other.type}</code>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Meta(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** The payload, one row per field (nested fields by their path), amounts in the user's locale. */
function Payload(props: { data: Record<string, unknown> }) {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const rows: { path: string; value: ReactNode }[] = [];
  const walk = (value: unknown, path: string) => {
    if (isMoney(value)) {
      rows.push({ path, value: <span className="num">{format.money(value)}</span> });
    } else if (Array.isArray(value)) {
      if (value.length === 0) rows.push({ path, value: '[]' });
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      if (entries.length === 0) rows.push({ path, value: '{}' });
      for (const [key, inner] of entries) walk(inner, path ? `${path}.${key}` : key);
    } else {
      rows.push({ path, value: value === null ? '—' : String(value) });
    }
  };
  walk(props.data, '');
  if (rows.length === 0) return <Empty>{t('event.noData')}</Empty>;
  return (
    <table className="data audit-payload">
      <caption>{t('event.fields')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('event.field')}</th>
          <th scope="col">{t('event.value')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path}>
            <th scope="row" data-label={t('event.field')}>
              <code>{row.path}</code>
            </th>
            <td data-label={t('event.value')}>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
