/** The ledger's HTTP API, same origin, with the signed-in user's API key. */

export interface FieldError {
  readonly field: string;
  readonly reasons: readonly string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[],
    readonly details: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  /** Reasons for one form field: `invoiceAmount` also takes `invoiceAmount.amountMinor`. */
  forField(name: string): string | undefined {
    const reasons = this.fields
      .filter((f) => f.field === name || f.field.startsWith(`${name}.`))
      .flatMap((f) => f.reasons);
    if (reasons.length) return reasons.join('; ');
    if (this.details.field === name) return this.message;
    return undefined;
  }

  /** Whether the error belongs next to one of these fields rather than to the whole form. */
  isAbout(names: readonly string[]): boolean {
    return names.some((name) => this.forField(name) !== undefined);
  }
}

const KEY = 'ledger-console-api-key';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  save: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

async function call<T>(method: string, path: string, body?: object, apiKey = session.key()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // Every command (POST, PUT, DELETE) needs an Idempotency-Key; a body-less DELETE too.
  if (method !== 'GET') headers['Idempotency-Key'] = crypto.randomUUID();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (json ?? {}) as {
      error?: string;
      message?: string | string[];
      fields?: FieldError[];
      details?: object;
    };
    const message = Array.isArray(error.message) ? error.message.join('; ') : (error.message ?? response.statusText);
    throw new ApiError(
      response.status,
      error.error ?? String(response.status),
      message,
      error.fields ?? [],
      (error.details ?? {}) as Record<string, unknown>,
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export const api = {
  get: <T>(path: string, apiKey?: string) => call<T>('GET', path, undefined, apiKey),
  post: <T>(path: string, body: object) => call<T>('POST', path, body),
  put: <T>(path: string, body: object) => call<T>('PUT', path, body),
  /**
   * Every item of a list, walking its pages (`{ items, nextCursor? }`, 200 a page) until the last:
   * a queue never stops silently at one page.
   */
  async all<T>(path: string): Promise<{ items: T[] }> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page = await call<{ items: T[]; nextCursor?: string }>(
        'GET',
        `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { items };
  },
  /** Downloads a file with the key (a plain link could not send it) and hands it to the browser. */
  async download(path: string, filename: string): Promise<void> {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${session.key() ?? ''}` } });
    if (!response.ok) throw new ApiError(response.status, String(response.status), response.statusText, [], {});
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

export const q = (params: Record<string, string | number | undefined | null>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};

export interface Me {
  readonly userId: string;
  readonly role: 'admin' | 'fund_manager' | 'guarantee_officer' | 'auditor' | 'bank';
  readonly bankId: string | null;
}
