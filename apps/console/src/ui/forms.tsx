import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FormProvider,
  useForm,
  useFormContext,
  useWatch,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, NetworkError, newIdempotencyKey } from '../api';
import { languageOf, useLocale } from '../locale';
import { formatMoney, parseAmount, type MoneyJson } from '../money';
import { amountInWords } from '../words';
import { useConfirm, type ConfirmRequest } from './confirm';
import { useErrorText } from './errors';
import { ErrorNotice } from './kit';

/**
 * Forms: react-hook-form with a zod schema (checked in the browser before anything is sent), the
 * API's refusals put back next to the field they name, an Idempotency-Key kept across retries of
 * one attempt, and a confirmation with the figures before an irreversible command.
 */

/** A zod string that must be an amount of `currency` as the user's locale writes it. */
export function useAmountSchema() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (currency: string, options: { optional?: boolean } = {}) =>
    z.string().superRefine((value, ctx) => {
      if (options.optional && value.trim() === '') return;
      const parsed = parseAmount(value, currency, locale);
      if (parsed.ok) return;
      const key = parsed.reason === 'too-many-decimals' && parsed.scale === 0 ? 'no-decimals' : parsed.reason;
      ctx.addIssue({ code: 'custom', message: t(`amount.${key}`, { ...parsed, example: t('amount.example') }) });
    });
}

/** Typed text → `{ amountMinor, currency }`, once the schema has accepted it. */
export function useToMoney() {
  const { locale } = useLocale();
  return (value: string, currency: string): MoneyJson => {
    const parsed = parseAmount(value, currency, locale);
    if (!parsed.ok) throw new Error(`not an amount: ${value}`);
    return { amountMinor: parsed.amountMinor, currency };
  };
}

/** "deux cent mille dirhams marocains et cinquante centimes". */
export function useAmountWords() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (money: MoneyJson) =>
    amountInWords(money, languageOf(locale), (unit, count) =>
      t(`currency.${money.currency}.${unit}`, {
        // One or many is all a currency's name needs (French "many", for millions, has no form of its own).
        count: count > 1n ? 2 : Number(count),
        defaultValue: unit === 'major' ? money.currency : '',
      }),
    );
}

/** The zod schema's message for a required field. */
export function useRequired() {
  const { t } = useTranslation();
  return (schema = z.string()) => schema.trim().min(1, t('validation.required'));
}

/** `YYYY-MM-DD` as the date input gives it. */
export function useDateSchema() {
  const { t } = useTranslation();
  return (options: { optional?: boolean } = {}) =>
    options.optional
      ? z.string().refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), t('validation.date'))
      : z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t('validation.date'));
}

export interface CommandFormProps<V extends FieldValues, R> {
  readonly schema: z.ZodType<V, FieldValues>;
  readonly defaultValues: DefaultValues<V>;
  /** The form's accessible name. */
  readonly label: string;
  readonly submitLabel: string;
  /** The confirmation to ask first (irreversible commands), or null to send at once. */
  readonly confirm?: (values: V) => ConfirmRequest | null;
  /** Sends the command with this attempt's Idempotency-Key. */
  readonly send: (values: V, idempotencyKey: string) => Promise<R>;
  /** After the API accepted it (every query is read again first). */
  readonly onDone?: (result: R, values: V) => void;
  /** Empty the form after a success (default true). */
  readonly reset?: boolean;
  readonly children: ReactNode | ((form: UseFormReturn<V, unknown, V>) => ReactNode);
}

export function CommandForm<V extends FieldValues, R>(props: CommandFormProps<V, R>) {
  const form = useForm<V, unknown, V>({
    resolver: zodResolver(props.schema as never) as unknown as Resolver<V, unknown, V>,
    defaultValues: props.defaultValues,
  });
  const { t } = useTranslation();
  const errorText = useErrorText();
  const confirm = useConfirm();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  // One attempt, one key: a retry after a lost answer resends the same key and gets the first answer.
  const attempt = useRef<{ key: string; values: string } | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const request = props.confirm?.(values);
    if (request && !(await confirm(request))) return;
    const fingerprint = JSON.stringify(values);
    if (!attempt.current || attempt.current.values !== fingerprint)
      attempt.current = { key: newIdempotencyKey(), values: fingerprint };
    try {
      const result = await props.send(values, attempt.current.key);
      attempt.current = null;
      await queries.invalidateQueries();
      if (props.reset !== false) form.reset();
      props.onDone?.(result, values);
    } catch (error) {
      // A refusal recorded nothing: a new attempt gets a new key. A network failure keeps it.
      if (!(error instanceof NetworkError)) attempt.current = null;
      // A refusal naming one of the form's fields goes next to it: a rule's refusal (its code has a
      // message in the user's language) as that message; a validation's as its reasons.
      if (error instanceof ApiError) {
        let placed = false;
        for (const name of Object.keys(form.getValues())) {
          const message =
            error.details.field === name
              ? errorText(error)
              : error.forField(name).length
                ? t('errors:field-refused', { reasons: error.forField(name).join(' ; ') })
                : null;
          if (message) {
            form.setError(name as Path<V>, { type: 'server', message });
            placed = true;
          }
        }
        if (placed) return;
      }
      setFailure(error);
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-label={props.label} className="command-form">
        {typeof props.children === 'function' ? props.children(form) : props.children}
        <div className="actions">
          <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
            {props.submitLabel}
          </button>
        </div>
        <ErrorNotice error={failure} />
      </form>
    </FormProvider>
  );
}

function useFieldIds(name: string) {
  const id = useId();
  const { formState } = useFormContext();
  const error = name
    .split('.')
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], formState.errors) as
    { message?: string } | undefined;
  return { id, errorId: `${id}-error`, hintId: `${id}-hint`, message: error?.message };
}

function FieldShell(props: {
  id: string;
  label: string;
  errorId: string;
  hintId: string;
  message?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <div id={props.hintId} className="hint" aria-live="polite">
          {props.hint}
        </div>
      ) : null}
      {props.message ? (
        <p id={props.errorId} className="field-error" role="alert">
          {props.message}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (ids: { errorId: string; hintId: string }, hasHint: boolean, message?: string) =>
  [message ? ids.errorId : null, hasHint ? ids.hintId : null].filter(Boolean).join(' ') || undefined;

export function TextField(props: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'number' | 'search' | 'password';
  hint?: ReactNode;
  autoComplete?: string;
  autoFocus?: boolean;
  placeholder?: string;
  multiline?: boolean;
}) {
  const { register } = useFormContext();
  const ids = useFieldIds(props.name);
  const common = {
    id: ids.id,
    ...register(props.name),
    'aria-invalid': ids.message ? true : undefined,
    'aria-describedby': describedBy(ids, Boolean(props.hint), ids.message),
    autoFocus: props.autoFocus,
    placeholder: props.placeholder,
  };
  return (
    <FieldShell {...ids} label={props.label} hint={props.hint}>
      {props.multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        <input {...common} type={props.type ?? 'text'} autoComplete={props.autoComplete ?? 'off'} />
      )}
    </FieldShell>
  );
}

export function DateField(props: { name: string; label: string; hint?: ReactNode; min?: string; max?: string }) {
  const { register } = useFormContext();
  const ids = useFieldIds(props.name);
  return (
    <FieldShell {...ids} label={props.label} hint={props.hint}>
      <input
        id={ids.id}
        type="date"
        min={props.min}
        max={props.max}
        {...register(props.name)}
        aria-invalid={ids.message ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(props.hint), ids.message)}
      />
    </FieldShell>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  options: readonly { value: string; label: string; disabled?: boolean }[];
  /** A first, empty choice ("— choisir —"). */
  placeholder?: string;
  hint?: ReactNode;
}) {
  const { register } = useFormContext();
  const ids = useFieldIds(props.name);
  return (
    <FieldShell {...ids} label={props.label} hint={props.hint}>
      <select
        id={ids.id}
        {...register(props.name)}
        aria-invalid={ids.message ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(props.hint), ids.message)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(props: { name: string; label: string; hint?: ReactNode }) {
  const { register } = useFormContext();
  const ids = useFieldIds(props.name);
  return (
    <div className="field checkbox">
      <label>
        <input type="checkbox" {...register(props.name)} aria-describedby={props.hint ? ids.hintId : undefined} />{' '}
        {props.label}
      </label>
      {props.hint ? (
        <div id={ids.hintId} className="hint">
          {props.hint}
        </div>
      ) : null}
      {ids.message ? (
        <p id={ids.errorId} className="field-error" role="alert">
          {ids.message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * An amount typed in the user's locale ("200 000,50"), with the currency beside it and, as soon
 * as it reads, the amount echoed in figures and in words ("Montant lu : 200 000,50 MAD — deux
 * cent mille dirhams et cinquante centimes"), so a misread amount is seen before it is sent.
 */
export function AmountField(props: { name: string; label: string; currency: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const { register, control } = useFormContext();
  const { locale } = useLocale();
  const words = useAmountWords();
  const ids = useFieldIds(props.name);
  const value = (useWatch({ control, name: props.name }) as string | undefined) ?? '';
  const parsed = value.trim() ? parseAmount(value, props.currency, locale) : null;
  const echo =
    parsed?.ok === true ? (
      <span className="echo" data-amount-minor={parsed.amountMinor}>
        {t('amount.read', {
          figures: formatMoney({ amountMinor: parsed.amountMinor, currency: props.currency }, locale),
          words: words({ amountMinor: parsed.amountMinor, currency: props.currency }),
        })}
      </span>
    ) : null;
  return (
    <FieldShell {...ids} label={props.label} hint={echo}>
      <div className="input-row">
        <input
          id={ids.id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          autoFocus={props.autoFocus}
          {...register(props.name)}
          aria-invalid={ids.message ? true : undefined}
          aria-describedby={describedBy(ids, Boolean(echo), ids.message)}
        />
        <span className="suffix">{props.currency}</span>
      </div>
    </FieldShell>
  );
}

/** For a confirmation: the amount in figures and in words, on two lines. */
export function useMoneyFigure() {
  const { locale } = useLocale();
  const words = useAmountWords();
  return (money: MoneyJson): ReactNode => (
    <>
      <strong className="num">{formatMoney(money, locale)}</strong>
      <br />
      <span className="words">{words(money)}</span>
    </>
  );
}
