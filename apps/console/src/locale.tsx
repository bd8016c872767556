import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { i18next } from './i18n';
import { formatBp, formatMinor, formatMoney, type MoneyJson } from './money';

/** The locales the console offers: numbers and dates follow the country, texts its language. */
export const LOCALES = ['fr-MA', 'fr-TN', 'fr-SN', 'en'] as const;
export type ConsoleLocale = (typeof LOCALES)[number];

const STORAGE = 'ledger-console-locale';

/** The user's last choice; else the browser's if it is one of ours; else French (Morocco). */
export function initialLocale(): ConsoleLocale {
  const stored = localStorage.getItem(STORAGE);
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as ConsoleLocale;
  const browser = navigator.languages.find((l) => (LOCALES as readonly string[]).includes(l));
  return (browser as ConsoleLocale | undefined) ?? 'fr-MA';
}

export const languageOf = (locale: ConsoleLocale): 'fr' | 'en' => (locale === 'en' ? 'en' : 'fr');

interface LocaleContextValue {
  readonly locale: ConsoleLocale;
  readonly setLocale: (locale: ConsoleLocale) => void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function LocaleProvider(props: { initial: ConsoleLocale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<ConsoleLocale>(props.initial);
  const value = useMemo(
    () => ({
      locale,
      setLocale: (next: ConsoleLocale) => {
        localStorage.setItem(STORAGE, next);
        document.documentElement.lang = next;
        void i18next.changeLanguage(languageOf(next));
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return <LocaleContext.Provider value={value}>{props.children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}

/** Dates travel as ISO "YYYY-MM-DD" (a business date, no time zone) or as instants. */
function parseIsoDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

/** Every figure on screen goes through these, in the user's locale. */
export function useFormat() {
  const { locale } = useLocale();
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    const integer = new Intl.NumberFormat(locale);
    return {
      locale,
      /** 1 234 567,89 MAD */
      money: (money: MoneyJson | null | undefined) => formatMoney(money, locale),
      /** 1 234 567,89 (no currency) */
      minor: (amountMinor: string, currency: string) => formatMinor(amountMinor, currency, locale),
      /** 75,00 % */
      bp: (bp: number | null | undefined) => formatBp(bp, locale),
      /** 4 déc. 2026 — a business date, shown as it was recorded (UTC, no shift). */
      date: (iso: string | null | undefined) => (iso ? date.format(parseIsoDate(iso)) : '—'),
      /** 4 déc. 2026, 17:31:02 — an instant, in the user's time zone. */
      dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
      integer: (n: number | bigint | null | undefined) => (n === null || n === undefined ? '—' : integer.format(n)),
    };
  }, [locale]);
}
