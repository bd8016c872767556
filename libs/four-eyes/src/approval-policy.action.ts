import type { CommandTx, StreamHandle } from '@ledger/event-sourcing';
import {
  loosenedControls,
  policyChangeModel,
  policyChangeStreamId,
  PolicyChangeProposed,
  PolicyChangeSettled,
  requireNoPendingPolicyChange,
  samePolicyControls,
  subjectOf,
  type Field,
  type JsonObject,
  type PolicyChangeEvent,
  type PolicyChangeState,
  type PolicyControls,
} from '@ledger/kernel';
import { Money, type CurrencyLike } from '@ledger/money';
import type { Decision, FourEyesAction } from './four-eyes-action';

/** The action name of a policy change under four-eyes control, in every context. */
export const SET_APPROVAL_POLICY = 'set-approval-policy';

/** What a context's policy change read and decided: its subject, the policy in force and the one asked for. */
export interface PolicyChangeInput<Policy> {
  readonly subjectId: string;
  readonly currency: CurrencyLike;
  /** The policy in force (null: none was ever set). */
  readonly current: Policy | null;
  readonly next: Policy;
  /** The business date of the change. */
  readonly on: string;
  /** Appends the change to the subject's stream (called only when it applies). */
  readonly apply: (tx: CommandTx) => void;
}

/** How a context's approval policy reads (its controls) and answers (as JSON). */
export interface ApprovalPolicyRules<Command, Policy, Subject extends string> {
  readonly context: string;
  /** The subject id's name in the proposal and the answer: `fundId`, `companyId`. */
  readonly subject: Subject;
  readonly command: Field<Command>;
  /** Loads the subject and validates the change (throws to refuse); appends nothing. */
  load(tx: CommandTx, command: Command): Promise<PolicyChangeInput<Policy>>;
  controls(policy: Policy): PolicyControls;
  json(policy: Policy): JsonObject;
}

interface PolicyDecision<Policy> extends Decision {
  readonly input: PolicyChangeInput<Policy>;
  /** The controls the change loosens: empty when it only tightens (or changes nothing). */
  readonly loosened: readonly string[];
  readonly unchanged: boolean;
  /** The time to live of the proposal, when one is needed: the policy in force's. */
  readonly ttlHours: number;
  /** The subject's policy-change stream, loaded when the change loosens (its proposal holds it). */
  readonly lock: StreamHandle<PolicyChangeState, PolicyChangeEvent> | null;
}

/** A policy change's answer: the policy in force after it, and whether this command changed it. */
export type PolicyChangeAnswer = Readonly<Record<string, unknown>> & {
  readonly changed: boolean;
  readonly policy: JsonObject;
};

/**
 * A four-eyes policy change as an action of the one wrapper, for every context: a change equal
 * to the policy in force writes nothing and answers it; one that only tightens applies at once;
 * one that loosens any control (a higher or removed threshold, a flag turned off, a longer time to
 * live — see @ledger/kernel `loosenedControls`) is only proposed (202), to be confirmed by a second
 * person of the context or by an admin, within the time to live of the policy in force. One
 * weakening waits at a time per subject: another is refused with `policy-change-pending` (409).
 */
export function approvalPolicyAction<Command, Policy, Subject extends string>(
  rules: ApprovalPolicyRules<Command, Policy, Subject>,
): FourEyesAction<Command, PolicyDecision<Policy>, PolicyChangeAnswer, Readonly<Record<Subject, string>>> {
  const lockOf = (tx: CommandTx, subjectId: string) =>
    tx.load(policyChangeStreamId(rules.context, subjectId), policyChangeModel);
  const answer = (subjectId: string, policy: Policy, changed: boolean): PolicyChangeAnswer => ({
    [rules.subject]: subjectId,
    changed,
    policy: rules.json(policy),
  });
  return {
    context: rules.context,
    action: SET_APPROVAL_POLICY,
    command: rules.command,
    async decide(tx, command) {
      const input = await rules.load(tx, command);
      const next = rules.controls(input.next);
      const current = input.current === null ? null : rules.controls(input.current);
      const loosened = loosenedControls(current, next);
      const lock = loosened.length > 0 ? await lockOf(tx, input.subjectId) : null;
      if (lock !== null) requireNoPendingPolicyChange(lock.state, `${rules.subject} ${input.subjectId}`);
      return {
        on: input.on,
        input,
        loosened,
        unchanged: samePolicyControls(current, next),
        ttlHours: current?.ttlHours ?? next.ttlHours,
        lock,
      };
    },
    secondPerson: ({ loosened, ttlHours }) => (loosened.length > 0 ? { threshold: null, ttlHours } : null),
    commit(tx, { input, unchanged }) {
      if (unchanged && input.current !== null) return answer(input.subjectId, input.current, false);
      input.apply(tx);
      return answer(input.subjectId, input.next, true);
    },
    reserve(tx, { input, loosened, lock }, proposalId) {
      if (lock === null) throw new Error('only a change that loosens a control is proposed');
      const subjectId = input.subjectId;
      tx.append(lock, [
        PolicyChangeProposed.create({ context: rules.context, subjectId, proposalId, loosened: [...loosened] }),
      ]);
      const subjects = { [rules.subject]: subjectId } as Record<Subject, string>;
      return { subjects, reserved: Money.zero(input.currency) };
    },
    async release(tx, proposal, outcome) {
      const subjectId = subjectOf(proposal, rules.subject);
      tx.append(await lockOf(tx, subjectId), [
        PolicyChangeSettled.create({ context: rules.context, subjectId, proposalId: proposal.proposalId, outcome }),
      ]);
    },
    confirmed: (body) => ({ [rules.subject]: body[rules.subject], changed: body.changed, policy: body.policy }),
  };
}
