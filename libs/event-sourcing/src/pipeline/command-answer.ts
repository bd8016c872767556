/**
 * What a decision returns: the effect itself (`decided`), or a four-eyes proposal recorded in its
 * place (`proposed`, answered 202 at the HTTP layer). The body is the answer without its log
 * position; the pipeline adds the position it recorded.
 */
export type OutcomeKind = 'decided' | 'proposed';

export interface CommandOutcome<Body extends object = object> {
  readonly kind: OutcomeKind;
  readonly body: Body;
}

export const decided = <Body extends object>(body: Body): CommandOutcome<Body> => ({ kind: 'decided', body });
export const proposed = <Body extends object>(body: Body): CommandOutcome<Body> => ({ kind: 'proposed', body });

/**
 * Where the read models stood when the answer left: `current` (they show the command), `behind`
 * (the bounded wait ran out; the answer is still the command's true, recorded result) or
 * `not-awaited` (this process runs no projections, or waiting is switched off).
 */
export type ReadModelsStatus = 'current' | 'behind' | 'not-awaited';

/** How the answer came to be: carried beside the body (never in it) for the HTTP layer. */
export interface AnswerMeta {
  readonly kind: OutcomeKind;
  /**
   * The log position of the command's record; without a key, a position by which all of its events
   * are in the log (the last position its streams reached in its batch).
   */
  readonly position: bigint;
  /** The first answer given again to a retry with the same Idempotency-Key. */
  readonly replayed: boolean;
  readonly readModels: ReadModelsStatus;
  /** The hash of the request recorded under the key (null without a key). */
  readonly requestHash: string | null;
}

/** The body a command answers, with the position it was recorded at. */
export type Answer<Body extends object> = Body & { readonly position: string };

const META = Symbol.for('@ledger/event-sourcing:answer-meta');

/** Attaches how the answer came to be, as a non-enumerable symbol: JSON sees the body alone. */
export function withAnswerMeta<Body extends object>(body: Body, meta: AnswerMeta): Body {
  Object.defineProperty(body, META, { value: meta, enumerable: false, configurable: true });
  return body;
}

export function answerMetaOf(value: unknown): AnswerMeta | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<symbol, AnswerMeta | undefined>)[META];
}
