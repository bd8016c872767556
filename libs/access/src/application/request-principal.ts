import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { setRequestActor } from '@ledger/platform';
import type { Principal } from '../domain/principal';

const PRINCIPAL = Symbol.for('@ledger/access:principal');

type WithPrincipal = { [PRINCIPAL]?: Principal };

/** Attaches the authenticated principal; the platform's command context reads actor and role from it. */
export function attachPrincipal(request: object, principal: Principal): void {
  (request as WithPrincipal)[PRINCIPAL] = principal;
  setRequestActor(request, { actor: principal.userId, role: principal.role });
}

export function principalOf(request: object): Principal | undefined {
  return (request as WithPrincipal)[PRINCIPAL];
}

/** The authenticated principal of the request, in a controller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal | undefined =>
  principalOf(context.switchToHttp().getRequest()),
);
