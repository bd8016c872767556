import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, NetworkError, newIdempotencyKey, type Role } from '../../api';
import { useFormat } from '../../locale';
import { useConfirm, type ConfirmRequest } from '../../ui/confirm';

/** A user as `GET /access/users` lists it. */
export interface User {
  readonly userId: string;
  readonly role: Role;
  readonly bankId: string | null;
  readonly displayName: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly disabledAt: string | null;
  readonly disabledBy: string | null;
}

/** A key as `GET /access/api-keys` lists it: never its secret. */
export interface ApiKey {
  readonly keyId: string;
  readonly userId: string;
  readonly role: Role;
  readonly label: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

/** The answer of `POST /access/api-keys`: the secret in the first answer only. */
export interface IssuedKey extends ApiKey {
  readonly apiKey?: string;
  readonly apiKeyOmitted?: string;
}

export const ROLES: readonly Role[] = ['fund_manager', 'guarantee_officer', 'auditor', 'bank', 'admin'];

export const useUsers = () => useQuery({ queryKey: ['admin', 'users'], queryFn: () => api.all<User>('/access/users') });

export const useUser = (userId: string) =>
  useQuery({
    queryKey: ['admin', 'users', userId],
    queryFn: () => api.get<User>(`/access/users/${encodeURIComponent(userId)}`),
  });

export const useKeys = (userId?: string) =>
  useQuery({
    queryKey: ['admin', 'keys', userId ?? null],
    queryFn: () =>
      api.all<ApiKey>(userId ? `/access/api-keys?userId=${encodeURIComponent(userId)}` : '/access/api-keys'),
  });

/** A taken user id is the user id field's problem: the refusal goes next to it (its text from `errors`). */
export function useAccessError() {
  return (error: unknown): unknown =>
    error instanceof ApiError && error.code === 'user-exists'
      ? new ApiError(error.status, error.code, error.message, error.fields, { ...error.details, field: 'userId' })
      : error;
}

/**
 * A row's command outside a form (disable a user, revoke a key): the confirmation first, one
 * Idempotency-Key per attempt (kept after a network failure), every query read again after.
 */
export function useRowCommand() {
  const confirm = useConfirm();
  const queries = useQueryClient();
  const translate = useAccessError();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState<{ id: string; key: string } | null>(null);
  const run = async (id: string, request: ConfirmRequest, send: (idempotencyKey: string) => Promise<unknown>) => {
    setFailure(null);
    if (!(await confirm(request))) return false;
    const key = attempt?.id === id ? attempt.key : newIdempotencyKey();
    setAttempt({ id, key });
    setBusy(true);
    try {
      await send(key);
      setAttempt(null);
      await queries.invalidateQueries();
      return true;
    } catch (error) {
      if (!(error instanceof NetworkError)) setAttempt(null);
      setFailure(translate(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, failure, busy };
}

/** A moment of the access records, date and time in the user's locale. */
export function When(props: { value: string | null | undefined }) {
  const format = useFormat();
  return props.value ? <time dateTime={props.value}>{format.dateTime(props.value)}</time> : <>—</>;
}
