import { DomainError } from '@ledger/event-sourcing';

export class StreamNotFound extends DomainError {
  readonly code = 'stream-not-found';
  readonly kind = 'not-found' as const;
  constructor(readonly streamId: string) {
    super(`stream ${streamId} has no events`, { streamId });
  }
}
