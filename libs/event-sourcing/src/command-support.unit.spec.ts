import { WrongExpectedRevisionError, type AppendResult, type EventStore } from '@ledger/event-store';
import { businessTime, newEntityId, positionOf, withEvents } from './command-support';
import { EventSourcedRepository } from './event-sourced-repository';
import type { CommandContext } from './stream-model';

const context = (idempotencyKey?: string): CommandContext => ({
  actor: 'alice',
  role: 'fund_manager',
  correlationId: 'c-1',
  idempotencyKey,
});

const result = (position: bigint): AppendResult => ({
  streamId: 's',
  nextExpectedRevision: 0n,
  position,
  alreadyRecorded: false,
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

  it('answers the highest position of an append, 0 for none', () => {
    expect(positionOf([result(7n), result(12n), result(0n)])).toBe(12n);
    expect(positionOf([])).toBe(0n);
  });

  it('leaves out the changes without events', () => {
    const stream = { streamId: 's', state: null, revision: null };
    const model = {} as never;
    const changes = [
      { stream, model, events: [] },
      { stream, model, events: [{ type: 'e' }] },
    ];
    expect(withEvents(changes)).toEqual([changes[1]]);
  });
});

describe('EventSourcedRepository.execute', () => {
  const repository = (maxAttempts?: number) => new EventSourcedRepository({} as EventStore, null, { maxAttempts });
  const conflict = () => new WrongExpectedRevisionError('s', 0n, 1n);

  it('runs a command that keeps losing races maxAttempts times in all, then reports the conflict', async () => {
    let runs = 0;
    await expect(
      repository(4).execute(async () => {
        runs += 1;
        throw conflict();
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(runs).toBe(4);
  });

  it('re-runs after a lost race and answers the winning run', async () => {
    let runs = 0;
    const answer = await repository().execute(async () => {
      runs += 1;
      if (runs < 3) throw conflict();
      return 'done';
    });
    expect([answer, runs]).toEqual(['done', 3]);
  });

  it('does not re-run other failures', async () => {
    let runs = 0;
    await expect(
      repository().execute(async () => {
        runs += 1;
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(runs).toBe(1);
  });

  it('refuses a maxAttempts that is not a positive integer', () => {
    expect(() => repository(0)).toThrow(/maxAttempts/);
    expect(() => repository(2.5)).toThrow(/maxAttempts/);
  });
});
