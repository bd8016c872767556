import { Money } from '@ledger/money';
import { field } from '../schema/fields';
import {
  confirmProposal,
  declineProposal,
  expireProposal,
  legacyProposalEvent,
  legacySettlementEvents,
  ProposalConfirmed,
  ProposalDeclined,
  ProposalExpired,
  proposalModel,
  proposalStreamId,
  recordProposal,
  type ProposalEvent,
} from './proposal';
import { DeclineReasonMissing, ProposalNotPending, SelfConfirmationRefused } from './rules';

/**
 * The one proposal kind, whatever its context and action: recorded with its deadline, confirmed by
 * a second person before it, declined with a reason by anyone (the proposer too), expired from it
 * on; and older proposal streams read through their own types.
 */
const PROPOSED_AT = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(PROPOSED_AT.getTime() + hours * HOUR);
const model = proposalModel();
const fold = (...events: ProposalEvent[]) => events.reduce(model.evolve, model.initialState());

const proposal = recordProposal({
  proposalId: 'p-1',
  context: 'cofinancing',
  action: 'disburse-grant',
  subjects: { grantId: 'g-1', participationYear: 2 },
  command: { type: 'DisburseGrant', grantId: 'g-1', invoiceAmount: { amountMinor: '4000000', currency: 'MAD' } },
  reserved: Money.ofMinor(3_000_000n, 'MAD'),
  threshold: Money.ofMinor(2_000_000n, 'MAD'),
  proposedBy: 'alice',
  proposedByRole: 'fund_manager',
  proposedAt: PROPOSED_AT,
  ttlHours: 48,
});
const pending = fold(proposal);
const settle = (actor: string, hours: number) => ({ proposalId: 'p-1', actor, at: at(hours) });

describe('a proposal of the one kind', () => {
  it('is recorded with its deadline, in its own stream, and survives the log round trip', () => {
    expect(proposal).toMatchObject({
      type: 'ledger.ProposalRecorded',
      expiresAt: '2026-03-04T09:00:00.000Z',
      reservations: {},
    });
    expect(proposalStreamId('p-1')).toBe('ledger-proposal-p-1');
    expect(model.catalog.decode(model.catalog.encode(proposal))).toEqual(proposal);
    expect(pending).toEqual({ status: 'pending', proposal });
  });

  it('is confirmed by a different person before its deadline, never by its proposer', () => {
    expect(confirmProposal(pending, settle('bob', 47))).toEqual({
      proposal,
      event: ProposalConfirmed.create({ proposalId: 'p-1', confirmedBy: 'bob', confirmedAt: at(47).toISOString() }),
    });
    expect(() => confirmProposal(pending, settle('alice', 1))).toThrow(SelfConfirmationRefused);
    expect(() => confirmProposal(pending, settle('bob', 48))).toThrow(
      expect.objectContaining({ code: 'proposal-not-pending', status: 'expired', kind: 'conflict' }),
    );
  });

  it('is declined with a reason by anyone who may confirm it, the proposer too (withdrawing)', () => {
    expect(declineProposal(pending, { ...settle('alice', 1), reason: ' withdrawn ' }).event).toEqual(
      ProposalDeclined.create({
        proposalId: 'p-1',
        declinedBy: 'alice',
        declinedAt: at(1).toISOString(),
        reason: 'withdrawn',
      }),
    );
    expect(() => declineProposal(pending, { ...settle('bob', 1), reason: '  ' })).toThrow(DeclineReasonMissing);
  });

  it('expires from its deadline on, not before; expiry is idempotent', () => {
    expect(expireProposal(pending, at(48 - 1 / 3600))).toBeNull();
    expect(expireProposal(pending, at(48))).toEqual({
      proposal,
      event: ProposalExpired.create({ proposalId: 'p-1', expiredAt: at(48).toISOString() }),
    });
    expect(
      expireProposal(fold(proposal, ProposalExpired.create({ proposalId: 'p-1', expiredAt: 'x' })), at(99)),
    ).toBeNull();
    expect(expireProposal(fold(), at(99))).toBeNull();
  });

  it.each([
    ['confirmed', ProposalConfirmed.create({ proposalId: 'p-1', confirmedBy: 'bob', confirmedAt: 'x' })],
    ['declined', ProposalDeclined.create({ proposalId: 'p-1', declinedBy: 'bob', declinedAt: 'x', reason: 'no' })],
    ['expired', ProposalExpired.create({ proposalId: 'p-1', expiredAt: 'x' })],
  ])('once %s, it can no longer be settled', (status, settled) => {
    const state = fold(proposal, settled);
    expect(state.status).toBe(status);
    expect(() => declineProposal(state, { ...settle('bob', 1), reason: 'late' })).toThrow(
      expect.objectContaining({ constructor: ProposalNotPending, status, code: 'proposal-not-pending' }),
    );
    // A second settlement changes nothing.
    expect(
      model.evolve(state, ProposalConfirmed.create({ proposalId: 'p-1', confirmedBy: 'carol', confirmedAt: 'y' })),
    ).toBe(state);
  });

  it('an unknown proposal is not found', () => {
    expect(() => confirmProposal(fold(), settle('bob', 1))).toThrow(
      expect.objectContaining({ code: 'proposal-not-found', kind: 'not-found' }),
    );
  });
});

describe('an older proposal stream', () => {
  const legacy = {
    streamId: (id: string) => `old-proposal-${id}`,
    events: [
      legacyProposalEvent('old.Proposed', { id: field.string(), by: field.string() }, (old, raw) =>
        recordProposal({
          proposalId: old.id,
          context: 'old',
          action: 'act',
          subjects: {},
          command: { raw: raw.id },
          reserved: Money.zero('MAD'),
          threshold: null,
          proposedBy: old.by,
          proposedByRole: 'r',
          proposedAt: PROPOSED_AT,
          ttlHours: 1,
        }),
      ),
      ...legacySettlementEvents('old'),
    ],
  };
  const withLegacy = proposalModel([legacy]);
  const stored = (type: string, data: Record<string, unknown>) => ({ type, schemaVersion: 1, data: data as never });

  it('reads its own types as the one kind, old settlements with extra fields too', () => {
    const recorded = withLegacy.catalog.decode(stored('old.Proposed', { id: 'p-9', by: 'alice' }));
    expect(recorded).toMatchObject({ type: 'ledger.ProposalRecorded', proposalId: 'p-9', command: { raw: 'p-9' } });
    const confirmed = withLegacy.catalog.decode(
      stored('old.ProposalConfirmed', { proposalId: 'p-9', confirmedBy: 'bob', confirmedAt: 'x', committed: 'extra' }),
    );
    expect(confirmed).toEqual(ProposalConfirmed.create({ proposalId: 'p-9', confirmedBy: 'bob', confirmedAt: 'x' }));
    expect([recorded, confirmed].reduce(withLegacy.evolve, withLegacy.initialState()).status).toBe('confirmed');
  });

  it('is read only: an old type is never written', () => {
    const [old] = legacy.events;
    expect(() => old.create({ id: 'p', by: 'a' })).toThrow(/read, never written/);
    expect(() => old.encode({ type: 'old.Proposed', id: 'p', by: 'a' })).toThrow(/read, never written/);
  });
});
