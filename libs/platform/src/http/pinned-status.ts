import type { Response } from 'express';

const PINNED = Symbol.for('@ledger/platform:pinned-status');

/**
 * Fixes the status of this one response, whatever `@HttpCode` the route declares (Nest applies
 * the declared code when it replies): for a route whose answer depends on the outcome, e.g. 202
 * when a four-eyes proposal is recorded instead of the effect. Idempotent replays keep it.
 */
export function pinStatus(response: Response, status: number): void {
  const original = response.status.bind(response);
  original(status);
  (response as unknown as Record<symbol, number>)[PINNED] = status;
  response.status = ((_: number) => original(status)) as Response['status'];
}

export function pinnedStatusOf(response: Response): number | undefined {
  return (response as unknown as Record<symbol, number | undefined>)[PINNED];
}
