import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { ApiError } from './api';
import { formatMoney, parseMajor, type MoneyJson } from './money';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';

/** Loads data, with a reload function; errors are kept, not thrown. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error; loading: boolean }>({ loading: true });
  const run = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => setState({ data, loading: false }),
      (error: Error) => setState({ error, loading: false }),
    );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

export function Card(props: { title: string; children: ReactNode; wide?: boolean; id?: string }) {
  const id = useId();
  return (
    <section className={props.wide ? 'card wide' : 'card'} aria-labelledby={id} id={props.id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Stat(props: { label: string; value: ReactNode; tone?: 'bad' | 'good' }) {
  return (
    <div className="stat">
      <dt>{props.label}</dt>
      <dd className={props.tone}>{props.value}</dd>
    </div>
  );
}

export function Problem(props: { error?: Error | null }) {
  if (!props.error) return null;
  return (
    <p role="alert" className="problem">
      {props.error instanceof ApiError && props.error.status === 404 ? 'Not found. ' : ''}
      {props.error.message}
    </p>
  );
}

export function Loading(props: { loading: boolean }) {
  return props.loading ? <p aria-live="polite">Loading…</p> : null;
}

/** A labelled input with its error right under it (announced, and linked by aria-describedby). */
export function Field(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: string;
  placeholder?: string;
  required?: boolean;
  suffix?: string;
  autoFocus?: boolean;
  autoComplete?: string;
  options?: readonly { value: string; label: string }[];
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const common = {
    id,
    name: props.name,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
    required: props.required,
    autoFocus: props.autoFocus,
    autoComplete: props.autoComplete,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="input-row">
        {props.options ? (
          <select {...common} onChange={(e) => props.onChange(e.target.value)}>
            {props.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={props.type ?? 'text'}
            placeholder={props.placeholder}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )}
        {props.suffix ? <span className="suffix">{props.suffix}</span> : null}
      </div>
      {props.error ? (
        <p id={errorId} className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

type Values = Record<string, string>;

/**
 * A command form: fields, client-side checks of amounts and dates, the POST, and the API's
 * refusals shown next to the field they name (or under the button when they name none).
 */
export function CommandForm(props: {
  title?: string;
  submit: string;
  fields: readonly {
    name: string;
    label: string;
    kind?: 'date' | 'money' | 'text' | 'select';
    currency?: string;
    initial?: string;
    options?: readonly { value: string; label: string }[];
    placeholder?: string;
    /** Left empty, it is not checked (and not in `money`): the caller sends it only when filled. */
    optional?: boolean;
  }[];
  send: (values: Values, money: Record<string, MoneyJson>) => Promise<unknown>;
  onDone: (result: unknown) => void;
  autoFocus?: boolean;
}) {
  const initial = Object.fromEntries(props.fields.map((f) => [f.name, f.initial ?? f.options?.[0]?.value ?? '']));
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    const money: Record<string, MoneyJson> = {};
    for (const f of props.fields) {
      const value = values[f.name] ?? '';
      if (f.optional && value.trim() === '') continue;
      if (f.kind === 'money' && f.currency) {
        const parsed = parseMajor(value, f.currency);
        if (parsed.ok) money[f.name] = { amountMinor: parsed.amountMinor, currency: f.currency };
        else local[f.name] = parsed.message;
      } else if (f.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        local[f.name] = 'enter a date as YYYY-MM-DD';
      }
    }
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const result = await props.send(values, money);
      props.onDone(result);
    } catch (error) {
      if (error instanceof ApiError) {
        const names = props.fields.map((f) => f.name);
        const byField: Record<string, string> = {};
        for (const name of names) {
          const reason = error.forField(name);
          if (reason) byField[name] = reason;
        }
        setErrors(byField);
        if (!Object.keys(byField).length) setFormError(error.message);
      } else {
        setFormError((error as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={props.title ?? props.submit}>
      {props.fields.map((f, index) => (
        <Field
          key={f.name}
          name={f.name}
          label={f.label}
          type={f.kind === 'date' ? 'text' : 'text'}
          placeholder={f.placeholder ?? (f.kind === 'date' ? 'YYYY-MM-DD' : undefined)}
          value={values[f.name] ?? ''}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
          error={errors[f.name]}
          suffix={f.kind === 'money' ? f.currency : undefined}
          options={f.kind === 'select' ? f.options : undefined}
          autoFocus={props.autoFocus && index === 0}
        />
      ))}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {props.submit}
        </button>
        {formError ? (
          <p role="alert" className="field-error">
            {formError}
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function MoneyCell(props: { money: MoneyJson | null | undefined }) {
  return <span className="num">{formatMoney(props.money)}</span>;
}

/** A Chart.js chart on a canvas, with a text alternative. */
export function ChartCanvas(props: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...props.config,
      options: { responsive: true, maintainAspectRatio: false, ...props.config.options },
    });
    return () => chart.destroy();
  }, [props.config]);
  return (
    <div className="chart" style={{ height: props.height ?? 240 }}>
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}

/** A half-circle gauge: used ÷ capacity, with the headroom shown (negative headroom in red). */
export function Gauge(props: { label: string; used: bigint; capacity: bigint; caption: ReactNode }) {
  const ratio = props.capacity > 0n ? Number((props.used * 1000n) / props.capacity) / 1000 : 1;
  const clamped = Math.max(0, Math.min(1, ratio));
  const angle = Math.PI * (1 - clamped);
  const x = 100 + 80 * Math.cos(angle);
  const y = 100 - 80 * Math.sin(angle);
  const over = ratio > 1;
  return (
    <figure className="gauge">
      <svg
        viewBox="0 0 200 115"
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(ratio * 100)}
      >
        <path d="M20 100 A80 80 0 0 1 180 100" className="gauge-track" />
        {clamped > 0 ? (
          <path
            d={`M20 100 A80 80 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`}
            className={over ? 'gauge-fill over' : 'gauge-fill'}
          />
        ) : null}
        <text x="100" y="95" textAnchor="middle" className="gauge-text">
          {Math.round(ratio * 100)} % used
        </text>
      </svg>
      <figcaption>{props.caption}</figcaption>
    </figure>
  );
}

export function Tabs<T extends string>(props: {
  tabs: readonly { id: T; label: string }[];
  current: T;
  onChange: (id: T) => void;
}) {
  return (
    <nav aria-label="Screens" className="tabs">
      {props.tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          aria-current={t.id === props.current ? 'page' : undefined}
          onClick={() => props.onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  );
}

export const today = (): string => new Date().toISOString().slice(0, 10);
