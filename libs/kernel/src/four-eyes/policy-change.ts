import type { Money } from '@ledger/money';
import { assertNever } from '../decider';
import { DomainError } from '../domain-error';
import { defineEvent, EventCatalog, type EventOf } from '../schema/event-definition';
import { field } from '../schema/fields';
import type { StreamModel } from '../stream-model';
import { MAX_PROPOSAL_TTL_HOURS, PROPOSAL_OUTCOMES } from './rules';

/**
 * A four-eyes policy may not be weakened by the one person it is meant to check. Every context's
 * approval policy is read as the same three kinds of control:
 *
 * - **thresholds** (an amount above which a second person must confirm; null: never) — a higher
 *   threshold, or none, is looser;
 * - **flags** (a second person for every such command, e.g. corrections) — true → false is looser;
 * - **the proposals' time to live** — a longer one is looser: a proposal then stays confirmable
 *   (and holds its reservation) longer, so a second person may confirm it long after the facts it
 *   was decided on, and a proposer may wait for the colleague of their choice. A shorter one only
 *   makes proposals expire sooner, and an expired proposal commits nothing.
 *
 * No policy at all is the loosest: no threshold, no flag, the longest time to live. A change that
 * loosens at least one control (whatever else it tightens) must be confirmed by a second person
 * (or an admin); one that only tightens or keeps them applies at once; one equal to the current
 * policy changes nothing.
 */
export interface PolicyControls {
  readonly thresholds: Readonly<Record<string, Money | null>>;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly ttlHours: number;
}

/** The field names of `next`'s controls that are looser than `current`'s (empty: a tightening, or no change). */
export function loosenedControls(current: PolicyControls | null, next: PolicyControls): string[] {
  if (current === null) return [];
  const loosened: string[] = [];
  for (const [name, after] of Object.entries(next.thresholds)) {
    const before = current.thresholds[name] ?? null;
    if (before !== null && (after === null || after.greaterThan(before))) loosened.push(name);
  }
  for (const [name, after] of Object.entries(next.flags))
    if (current.flags[name] === true && !after) loosened.push(name);
  if (next.ttlHours > current.ttlHours) loosened.push('proposalTtlHours');
  return loosened;
}

/** Whether two policies have the same controls (the date a policy was set on is not a control). */
export function samePolicyControls(current: PolicyControls | null, next: PolicyControls): boolean {
  const base = current ?? NO_POLICY;
  const names = new Set([...Object.keys(base.thresholds), ...Object.keys(next.thresholds)]);
  for (const name of names) {
    const [before, after] = [base.thresholds[name] ?? null, next.thresholds[name] ?? null];
    if (before === null ? after !== null : after === null || !after.equals(before)) return false;
  }
  const flags = new Set([...Object.keys(base.flags), ...Object.keys(next.flags)]);
  for (const name of flags) if ((base.flags[name] ?? false) !== (next.flags[name] ?? false)) return false;
  return current !== null && base.ttlHours === next.ttlHours;
}

const NO_POLICY: PolicyControls = { thresholds: {}, flags: {}, ttlHours: MAX_PROPOSAL_TTL_HOURS };

// ---- the lock: one policy-weakening proposal at a time per fund or company ---------------------------

/**
 * While a weakening of a policy waits for its second person, its subject's policy-change stream
 * (`ledger-policy-change-<context>-<subjectId>`) holds the proposal: a second weakening is refused
 * (`policy-change-pending`) until it is confirmed, declined or expired. A tightening is never held.
 */
export const policyChangeStreamId = (context: string, subjectId: string): string =>
  `ledger-policy-change-${context}-${subjectId}`;

export const PolicyChangeProposed = defineEvent('ledger.PolicyChangeProposed', {
  context: field.string(),
  subjectId: field.string(),
  proposalId: field.string(),
  /** The controls the proposed policy loosens. */
  loosened: field.array(field.string()),
});

export const PolicyChangeSettled = defineEvent('ledger.PolicyChangeSettled', {
  context: field.string(),
  subjectId: field.string(),
  proposalId: field.string(),
  outcome: field.literal(...PROPOSAL_OUTCOMES),
});

export type PolicyChangeProposed = EventOf<typeof PolicyChangeProposed>;
export type PolicyChangeSettled = EventOf<typeof PolicyChangeSettled>;
export type PolicyChangeEvent = PolicyChangeProposed | PolicyChangeSettled;

/** The proposal weakening the policy that waits, or null. */
export interface PolicyChangeState {
  readonly pending: string | null;
}

export const policyChangeModel: StreamModel<PolicyChangeState, PolicyChangeEvent> = {
  catalog: new EventCatalog<PolicyChangeEvent>([PolicyChangeProposed, PolicyChangeSettled]),
  initialState: () => ({ pending: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ledger.PolicyChangeProposed':
        return { pending: event.proposalId };
      case 'ledger.PolicyChangeSettled':
        return state.pending === event.proposalId ? { pending: null } : state;
      default:
        return assertNever(event);
    }
  },
};

/** Refuses a second weakening while one waits for its second person. */
export function requireNoPendingPolicyChange(state: PolicyChangeState, subject: string): void {
  if (state.pending !== null) throw new PolicyChangePending(subject, state.pending);
}

/** A weakening of the policy already waits for a second person: settle it first. */
export class PolicyChangePending extends DomainError {
  readonly code = 'policy-change-pending';
  readonly kind = 'conflict' as const;
  constructor(
    readonly subject: string,
    readonly proposalId: string,
  ) {
    super(
      `a change weakening the four-eyes policy of ${subject} already waits for a second person (proposal ` +
        `${proposalId}): confirm, decline or let it expire before proposing another`,
      { subject, proposalId },
    );
  }
}
