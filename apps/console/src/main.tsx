import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api';
import { App } from './App';
import { startI18n } from './i18n';
import { initialLocale, languageOf, LocaleProvider } from './locale';
import { ConfirmProvider } from './ui/confirm';
import './styles.css';

/**
 * Reads are cached by TanStack Query and read again after every command (CommandForm invalidates
 * them). A refusal (4xx) is not retried; a network failure is, twice.
 */
const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const locale = initialLocale();
document.documentElement.lang = locale;
void startI18n(languageOf(locale)).then(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <LocaleProvider initial={locale}>
          <BrowserRouter basename="/console">
            <ConfirmProvider>
              <App />
            </ConfirmProvider>
          </BrowserRouter>
        </LocaleProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
