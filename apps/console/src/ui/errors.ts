import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api';
import { useFormat } from '../locale';
import type { MoneyJson } from '../money';

const isMoney = (value: unknown): value is MoneyJson =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as MoneyJson).amountMinor === 'string' &&
  typeof (value as MoneyJson).currency === 'string';

/**
 * The user's-language text of any failure: an API refusal by its stable `error` code
 * (`errors:<code>` with the refusal's details as values, amounts formatted in the locale), a
 * network failure, or else the thrown message. An unknown code falls back to the API's own words.
 */
export function useErrorText() {
  const { t } = useTranslation('errors');
  const format = useFormat();
  return (error: unknown): string => {
    if (error instanceof NetworkError) return t('network');
    if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(error.details)) {
      if (isMoney(value)) values[name] = format.money(value);
      else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) values[name] = format.date(value);
      else if (typeof value !== 'object' || value === null) values[name] = String(value);
    }
    if (typeof error.details.field === 'string')
      values.field = t(`fields.${error.details.field}`, { defaultValue: error.details.field });
    const text = t(error.code, { ...values, defaultValue: '' });
    if (text) return text;
    return t(`status.${error.status}`, { defaultValue: '' }) || error.message;
  };
}
