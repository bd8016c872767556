/** The ledger's HTTP API, same origin, with the signed-in user's API key. */

export interface FieldError {
  readonly field: string;
  readonly reasons: readonly string[];
}

/** A refusal of the API: its status, its stable `error` code (translated by `errors:<code>`), and its details. */
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

  /** Validation reasons for one form field: `invoiceAmount` also takes `invoiceAmount.amountMinor`. */
  forField(name: string): readonly string[] {
    return this.fields.filter((f) => f.field === name || f.field.startsWith(`${name}.`)).flatMap((f) => f.reasons);
  }
}

/** The network failed (no answer at all): not the API's refusal. */
export class NetworkError extends Error {}

const KEY = 'ledger-console-api-key';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  save: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/**
 * A random UUID (v4) for an Idempotency-Key. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost): over plain http from another machine it is missing. `getRandomValues` is
 * there in every context.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Called when the API answers 401 to a signed-in user (key revoked mid-session): the shell signs out. */
let onUnauthenticated: (error: ApiError) => void = () => undefined;
export const whenUnauthenticated = (handler: (error: ApiError) => void) => {
  onUnauthenticated = handler;
};

async function call<T>(
  method: string,
  path: string,
  body?: object,
  options: { apiKey?: string | null; idempotencyKey?: string } = {},
): Promise<T> {
  const apiKey = options.apiKey === undefined ? session.key() : options.apiKey;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // Every command (POST, PUT, DELETE) needs an Idempotency-Key; a body-less DELETE too.
  if (method !== 'GET') headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new NetworkError((error as Error).message);
  }
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
    const refusal = new ApiError(
      response.status,
      error.error ?? String(response.status),
      message,
      error.fields ?? [],
      (error.details ?? {}) as Record<string, unknown>,
    );
    if (response.status === 401 && options.apiKey === undefined) onUnauthenticated(refusal);
    throw refusal;
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

/** One page of a list, as every list of the API answers it. */
export interface Page<T> {
  readonly items: T[];
  readonly total?: number;
  readonly nextCursor?: string;
}

export const api = {
  get: <T>(path: string, apiKey?: string) => call<T>('GET', path, undefined, { apiKey }),
  /** A command. Pass the same `idempotencyKey` to retry it safely (the form keeps one per attempt). */
  post: <T>(path: string, body: object, idempotencyKey?: string) => call<T>('POST', path, body, { idempotencyKey }),
  put: <T>(path: string, body: object, idempotencyKey?: string) => call<T>('PUT', path, body, { idempotencyKey }),
  delete: <T>(path: string, idempotencyKey?: string) => call<T>('DELETE', path, undefined, { idempotencyKey }),
  /**
   * Every item of a list, walking its pages (`{ items, nextCursor? }`, 200 a page) until the last:
   * a list never stops silently at one page.
   */
  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page = await call<Page<T>>(
        'GET',
        `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  },
  /** Downloads a file with the key (a plain link could not send it) and hands it to the browser. */
  async download(path: string, filename: string): Promise<void> {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${session.key() ?? ''}` } });
    if (!response.ok) {
      const json = (safeJson(await response.text()) ?? {}) as { error?: string; message?: string; details?: object };
      throw new ApiError(
        response.status,
        json.error ?? String(response.status),
        json.message ?? response.statusText,
        [],
        (json.details ?? {}) as Record<string, unknown>,
      );
    }
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

/** `?a=1&b=x` from the parameters that have a value. */
export const q = (params: Record<string, string | number | boolean | undefined | null>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};

export type Role = 'admin' | 'fund_manager' | 'guarantee_officer' | 'auditor' | 'bank';

export interface Me {
  readonly userId: string;
  readonly role: Role;
  readonly bankId: string | null;
}
