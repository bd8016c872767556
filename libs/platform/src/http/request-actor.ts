/**
 * Who the access layer authenticated for this request: the actor and role that every command
 * records. The access guard sets it (it runs before interceptors and parameter decorators); the
 * command context and the idempotency interceptor read it. Kept here, with no knowledge of keys or
 * roles, so that the platform does not depend on the access library.
 */
export interface RequestActor {
  readonly actor: string;
  readonly role: string;
}

const REQUEST_ACTOR = Symbol.for('@ledger/platform:request-actor');

type WithActor = { [REQUEST_ACTOR]?: RequestActor };

export function setRequestActor(request: object, actor: RequestActor): void {
  (request as WithActor)[REQUEST_ACTOR] = actor;
}

export function requestActorOf(request: object): RequestActor | undefined {
  return (request as WithActor)[REQUEST_ACTOR];
}
