import { businessTime, newEntityId } from './command-support';
import type { CommandContext } from './stream-model';

const context = (idempotencyKey?: string): CommandContext => ({
  actor: 'alice',
  role: 'fund_manager',
  correlationId: 'c-1',
  idempotencyKey,
});

describe('command support', () => {
  it('derives a new entity id from the Idempotency-Key, per actor and kind', () => {
    expect(newEntityId(context('k-1'), 'fund')).toBe(newEntityId(context('k-1'), 'fund'));
    expect(newEntityId(context('k-1'), 'fund')).not.toBe(newEntityId(context('k-1'), 'donor'));
    expect(newEntityId(context('k-1'), 'fund')).not.toBe(newEntityId({ ...context('k-1'), actor: 'bob' }, 'fund'));
    expect(newEntityId(context(), 'fund')).not.toBe(newEntityId(context(), 'fund'));
  });

  it('puts a business date at 00:00 UTC', () => {
    expect(businessTime('2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});
