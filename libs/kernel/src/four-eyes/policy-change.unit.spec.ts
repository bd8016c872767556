import fc from 'fast-check';
import { Money } from '@ledger/money';
import {
  loosenedControls,
  PolicyChangePending,
  PolicyChangeProposed,
  PolicyChangeSettled,
  policyChangeModel,
  requireNoPendingPolicyChange,
  samePolicyControls,
  type PolicyChangeEvent,
  type PolicyControls,
} from './policy-change';
import { MAX_PROPOSAL_TTL_HOURS } from './rules';

/**
 * Whether a change of a four-eyes policy loosens it: a threshold raised or removed, a flag turned
 * off, a longer time to live. A change that loosens nothing (it tightens, or keeps) applies at once.
 */
const mad = (major: number) => Money.ofMinor(BigInt(major) * 100n, 'MAD');

/** A co-financing fund's policy, as its controls. */
const policy = (
  approveGrantAbove: number | null,
  disburseAbove: number | null,
  correctionsNeedSecondPerson: boolean,
  ttlHours: number,
): PolicyControls => ({
  thresholds: {
    approveGrantAbove: approveGrantAbove === null ? null : mad(approveGrantAbove),
    disburseAbove: disburseAbove === null ? null : mad(disburseAbove),
  },
  flags: { correctionsNeedSecondPerson },
  ttlHours,
});

describe('loosenedControls', () => {
  const current = policy(100_000, 20_000, true, 48);

  it('names each control a change loosens, and only those', () => {
    expect(loosenedControls(current, policy(null, null, false, 48))).toEqual([
      'approveGrantAbove',
      'disburseAbove',
      'correctionsNeedSecondPerson',
    ]);
    expect(loosenedControls(current, policy(100_001, 20_000, true, 48))).toEqual(['approveGrantAbove']);
    expect(loosenedControls(current, policy(100_000, 20_000, true, 49))).toEqual(['proposalTtlHours']);
    // A mix: one control tightened, one loosened, is a weakening.
    expect(loosenedControls(current, policy(50_000, 30_000, true, 24))).toEqual(['disburseAbove']);
  });

  it('finds nothing loosened in a tightening, an equal policy, or the first policy of all', () => {
    expect(loosenedControls(current, policy(50_000, 10_000, true, 24))).toEqual([]);
    expect(loosenedControls(policy(null, null, false, 48), policy(1, null, false, 48))).toEqual([]);
    expect(loosenedControls(current, current)).toEqual([]);
    // No policy is the loosest of all: no threshold, no flag, the longest time to live.
    expect(loosenedControls(null, policy(null, null, false, MAX_PROPOSAL_TTL_HOURS))).toEqual([]);
  });

  const threshold = fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null });
  const ttl = fc.integer({ min: 1, max: MAX_PROPOSAL_TTL_HOURS });
  const arbitraryPolicy = fc
    .tuple(threshold, threshold, fc.boolean(), ttl)
    .map(([approve, disburse, corrections, hours]) => policy(approve, disburse, corrections, hours));

  /** The oracle, written apart: a control's strictness as a number (a missing threshold: never → +∞). */
  const looser = (a: PolicyControls, b: PolicyControls): boolean => {
    const level = (m: Money | null) => (m === null ? Number.POSITIVE_INFINITY : Number(m.amountMinor));
    const thresholds = Object.keys(b.thresholds).some(
      (name) => level(b.thresholds[name] ?? null) > level(a.thresholds[name] ?? null),
    );
    const flags = Object.keys(b.flags).some((name) => Number(b.flags[name]) < Number(a.flags[name]));
    return thresholds || flags || b.ttlHours > a.ttlHours;
  };

  it('for any two policies, a change is a weakening iff some control of the new one is looser', () => {
    fc.assert(
      fc.property(arbitraryPolicy, arbitraryPolicy, (a, b) => {
        expect(loosenedControls(a, b).length > 0).toBe(looser(a, b));
      }),
    );
  });

  it('a change that only tightens (or keeps) each control is never a weakening', () => {
    const tightened = arbitraryPolicy.chain((a) =>
      fc
        .tuple(
          ...(['approveGrantAbove', 'disburseAbove'] as const).map((name) => {
            const before = a.thresholds[name] ?? null;
            const max = before === null ? 1_000_000 : Number(before.amountMinor / 100n);
            // Lower or equal; a threshold may appear where there was none, never disappear.
            return before === null
              ? fc.option(fc.integer({ min: 0, max }), { nil: null })
              : fc.integer({ min: 0, max }).map((v): number | null => v);
          }),
          a.flags.correctionsNeedSecondPerson ? fc.constant(true) : fc.boolean(),
          fc.integer({ min: 1, max: a.ttlHours }),
        )
        .map(([approve, disburse, corrections, hours]) => ({
          a,
          b: policy(approve as number | null, disburse as number | null, corrections as boolean, hours as number),
        })),
    );
    fc.assert(
      fc.property(tightened, ({ a, b }) => {
        expect(loosenedControls(a, b)).toEqual([]);
      }),
    );
  });

  it('samePolicyControls: a policy equals itself, and differs from any change', () => {
    fc.assert(
      fc.property(arbitraryPolicy, arbitraryPolicy, (a, b) => {
        expect(samePolicyControls(a, a)).toBe(true);
        const equal = loosenedControls(a, b).length === 0 && loosenedControls(b, a).length === 0;
        expect(samePolicyControls(a, b)).toBe(equal);
      }),
    );
    // The first policy of all is a change, even one that sets no control.
    expect(samePolicyControls(null, policy(null, null, false, MAX_PROPOSAL_TTL_HOURS))).toBe(false);
  });
});

describe('the policy-change lock', () => {
  const fold = (...events: PolicyChangeEvent[]) =>
    events.reduce(policyChangeModel.evolve, policyChangeModel.initialState());
  const proposed = (proposalId: string) =>
    PolicyChangeProposed.create({ context: 'cofinancing', subjectId: 'f-1', proposalId, loosened: ['disburseAbove'] });
  const settled = (proposalId: string) =>
    PolicyChangeSettled.create({ context: 'cofinancing', subjectId: 'f-1', proposalId, outcome: 'declined' });

  it('holds one pending weakening until it is settled', () => {
    expect(() => requireNoPendingPolicyChange(fold(), 'fund f-1')).not.toThrow();
    const pending = fold(proposed('p-1'));
    expect(pending).toEqual({ pending: 'p-1' });
    expect(() => requireNoPendingPolicyChange(pending, 'fund f-1')).toThrow(PolicyChangePending);
    try {
      requireNoPendingPolicyChange(pending, 'fund f-1');
    } catch (error) {
      expect(error).toMatchObject({ code: 'policy-change-pending', kind: 'conflict', proposalId: 'p-1' });
    }
    expect(fold(proposed('p-1'), settled('p-1'))).toEqual({ pending: null });
    expect(fold(proposed('p-1'), settled('p-0'))).toEqual({ pending: 'p-1' });
  });
});
