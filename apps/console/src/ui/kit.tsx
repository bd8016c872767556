import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { useFormat } from '../locale';
import type { MoneyJson } from '../money';
import { useErrorText } from './errors';

/** A screen's title: the page's h1 and the browser tab's title. */
export function PageTitle(props: { children: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${props.children} — ${t('app.title')}`;
  }, [props.children, t]);
  return (
    <div className="page-title">
      <h1>{props.children}</h1>
      {props.actions ? <div className="page-actions">{props.actions}</div> : null}
    </div>
  );
}

export function Card(props: { title: string; children: ReactNode; wide?: boolean; id?: string; actions?: ReactNode }) {
  const id = useId();
  return (
    <section className={props.wide ? 'card wide' : 'card'} aria-labelledby={id} id={props.id}>
      <div className="card-head">
        <h2 id={id}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** A list of labelled figures (a <dl>). */
export function Stats(props: { children: ReactNode }) {
  return <dl className="stats">{props.children}</dl>;
}

export function Stat(props: { label: string; value: ReactNode; tone?: 'bad' | 'good' }) {
  return (
    <div className="stat">
      <dt>{props.label}</dt>
      <dd className={props.tone}>{props.value}</dd>
    </div>
  );
}

export function Money(props: { value: MoneyJson | null | undefined }) {
  const format = useFormat();
  return <span className="num">{format.money(props.value)}</span>;
}

export function DateText(props: { value: string | null | undefined }) {
  const format = useFormat();
  return props.value ? <time dateTime={props.value}>{format.date(props.value)}</time> : <>—</>;
}

export function Rate(props: { bp: number | null | undefined }) {
  const format = useFormat();
  return <span className="num">{format.bp(props.bp)}</span>;
}

/** A state or status as a coloured label. */
export function Badge(props: { children: ReactNode; tone?: 'good' | 'bad' | 'warn' | 'neutral' }) {
  return <span className={`badge ${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('state.loading')}
    </p>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <p className="empty">{props.children}</p>;
}

/** A failure, in the user's language (role=alert: announced). Nothing when there is none. */
export function ErrorNotice(props: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!props.error) return null;
  return (
    <div role="alert" className="problem">
      <span>{text(props.error)}</span>
      {props.retry ? (
        <button type="button" className="link" onClick={props.retry}>
          {t('action.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** What was done (role=status: announced). */
export function Success(props: { children: ReactNode }) {
  return (
    <p role="status" className="success">
      {props.children}
    </p>
  );
}

/** Something pending, e.g. a proposal waiting for a second person: not a success. */
export function Pending(props: { children: ReactNode }) {
  return (
    <p role="status" className="pending">
      {props.children}
    </p>
  );
}

/**
 * A query's three other states around its data: loading, error (with a retry), and empty (when
 * `isEmpty` says so). The children render only with data.
 */
export function DataState<T>(props: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} retry={() => void query.refetch()} />;
  if (props.isEmpty?.(query.data)) return <Empty>{props.empty}</Empty>;
  return <>{props.children(query.data)}</>;
}
