import { DomainError } from '@ledger/event-sourcing';

export class MonitoringScopeNotFound extends DomainError {
  readonly code = 'monitoring-scope-not-found';
  readonly kind = 'not-found' as const;
  constructor(
    readonly scope: string,
    readonly id: string,
  ) {
    super(`no ${scope} ${id} in the ledger`, { scope, id, field: 'id' });
  }
}
