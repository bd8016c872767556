import { Inject, Injectable } from '@nestjs/common';
import {
  CommandPipeline,
  decided,
  newEntityId,
  proposed,
  type CommandContext,
  type CommandTx,
  type StreamHandle,
} from '@ledger/event-sourcing';
import {
  confirmProposal,
  declineProposal,
  expireProposal,
  proposalModel,
  proposalStreamId,
  recordProposal,
  type Proposal,
  type ProposalEvent,
  type ProposalSettlement,
  type ProposalState,
  type ProposalSubjects,
} from '@ledger/kernel';
import type { MoneyJson } from '@ledger/money';
import { Clock } from '@ledger/platform';
import type { Decision, FourEyesAction, FourEyesContext } from './four-eyes-action';

export const FOUR_EYES_CONTEXTS = Symbol('FOUR_EYES_CONTEXTS');

/**
 * A command answered with a proposal in place of its effect (202): nothing is committed yet. Its
 * subjects (grantId, companyId, guaranteeId…) are fields of their own.
 */
export type ProposalPending<Subjects extends ProposalSubjects = ProposalSubjects> = PendingFields & Subjects;

interface PendingFields {
  readonly proposalId: string;
  readonly status: 'pending';
  readonly context: string;
  readonly action: string;
  readonly reserved: MoneyJson;
  /** The policy threshold exceeded; null when the policy wants a second person for every such command. */
  readonly threshold: MoneyJson | null;
  readonly expiresAt: string;
}

/** What a confirmation or a decline answers: the proposal, what it released, and (confirmed) what was committed. */
export interface ProposalSettled {
  readonly proposalId: string;
  readonly status: 'confirmed' | 'declined';
  readonly context: string;
  readonly action: string;
  readonly released: MoneyJson;
  readonly [field: string]: unknown;
}

/** Who may settle: called with the recorded proposal before anything is decided; throws to refuse. */
export type AuthorizeSettlement = (proposal: Proposal) => void;

/**
 * Four-eyes as a wrapper around any decision, for every context: `run` decides a command and
 * either commits it (one person suffices) or records a proposal with its reservations in place of
 * the effect; `confirm`, `decline` and `expire` settle any proposal by id, dispatching on its
 * context and action. Each is one pipeline command: one append, its own record with the
 * Idempotency-Key, the first answer to a retry.
 */
@Injectable()
export class FourEyes {
  private readonly model;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly actions = new Map<string, FourEyesAction<any, any, any, any>>();

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly clock: Clock,
    @Inject(FOUR_EYES_CONTEXTS) private readonly contexts: readonly FourEyesContext[],
  ) {
    this.model = proposalModel(contexts.map((context) => context.legacy));
    for (const context of contexts)
      for (const action of context.actions) this.actions.set(`${action.context}/${action.action}`, action);
  }

  /** Decides the command: committed (its own answer) or, when the policy wants a second person, proposed (202). */
  run<Command, D extends Decision, Body extends object, Subjects extends ProposalSubjects>(
    action: FourEyesAction<Command, D, Body, Subjects>,
    command: Command,
    run: { readonly context: CommandContext; readonly on: string },
  ) {
    const proposalId = newEntityId(run.context, `${action.action}-proposal`);
    return this.pipeline.run<Body | ProposalPending<Subjects>>(run, async (tx) => {
      const decision = await action.decide(tx, command);
      const second = action.secondPerson(decision);
      if (second === null) return decided(this.commit(tx, action, decision));
      const reservation = action.reserve(tx, decision, proposalId);
      const recorded = recordProposal({
        ...reservation,
        proposalId,
        context: action.context,
        action: action.action,
        command: action.command.encode(command) as Proposal['command'],
        threshold: second.threshold,
        proposedBy: run.context.actor,
        proposedByRole: run.context.role,
        proposedAt: this.clock.now(),
        ttlHours: second.ttlHours,
      });
      tx.append(await tx.load(proposalStreamId(proposalId), this.model), [recorded]);
      return proposed<ProposalPending<Subjects>>({
        proposalId,
        status: 'pending',
        context: action.context,
        action: action.action,
        ...reservation.subjects,
        reserved: recorded.reserved.toJSON(),
        threshold: recorded.threshold?.toJSON() ?? null,
        expiresAt: recorded.expiresAt,
      });
    });
  }

  /** A second, different person confirms: released, decided again on current state and committed, in one append. */
  confirm(proposalId: string, context: CommandContext, authorize?: AuthorizeSettlement) {
    const at = this.clock.now();
    return this.settle(proposalId, context, at, authorize, async (tx, state) => {
      const settlement = confirmProposal(state, { proposalId, actor: context.actor, at });
      const action = this.actionOf(settlement.proposal);
      await action.release(tx, settlement.proposal, 'confirmed');
      const decision = await action.decide(tx, action.command.decode(settlement.proposal.command, 'command'));
      const body = this.commit(tx, action, decision);
      return { settlement, answer: action.confirmed ? action.confirmed(body) : { result: body } };
    });
  }

  /** Declined, with its reason, by anyone who may confirm it (the proposer too): released, nothing committed. */
  decline(proposalId: string, reason: string, context: CommandContext, authorize?: AuthorizeSettlement) {
    const at = this.clock.now();
    return this.settle(proposalId, context, at, authorize, async (tx, state) => {
      const settlement = declineProposal(state, { proposalId, actor: context.actor, at, reason });
      await this.actionOf(settlement.proposal).release(tx, settlement.proposal, 'declined');
      return { settlement, answer: {} };
    });
  }

  /** Past its deadline: released. Idempotent: a settled proposal, or one not yet due, gives nothing. */
  expire(proposalId: string, context: CommandContext) {
    const now = this.clock.now();
    return this.pipeline.run({ context: { ...context, causationId: proposalId }, on: day(now) }, async (tx) => {
      const stream = await this.loadProposal(tx, proposalId);
      const settlement = expireProposal(stream.state, now);
      if (settlement === null) return decided({ proposalId, expired: false });
      await this.actionOf(settlement.proposal).release(tx, settlement.proposal, 'expired');
      tx.append(stream, [settlement.event]);
      return decided({ proposalId, expired: true });
    });
  }

  /** The proposal's stream: of the one kind, or a context's older stream for a proposal recorded before it. */
  private async loadProposal(tx: CommandTx, proposalId: string): Promise<StreamHandle<ProposalState, ProposalEvent>> {
    const current = await tx.load(proposalStreamId(proposalId), this.model);
    if (current.state.status !== 'none') return current;
    for (const context of this.contexts) {
      const older = await tx.load(context.legacy.streamId(proposalId), this.model);
      if (older.state.status !== 'none') return older;
    }
    return current;
  }

  private settle(
    proposalId: string,
    context: CommandContext,
    at: Date,
    authorize: AuthorizeSettlement | undefined,
    decide: (tx: CommandTx, state: ProposalState) => Promise<{ settlement: ProposalSettlement; answer: object }>,
  ) {
    return this.pipeline.run({ context: { ...context, causationId: proposalId }, on: day(at) }, async (tx) => {
      const stream = await this.loadProposal(tx, proposalId);
      // Who may settle it comes first: another context's proposal is not theirs to learn about.
      if (stream.state.status !== 'none') authorize?.(stream.state.proposal);
      const { settlement, answer } = await decide(tx, stream.state);
      tx.append(stream, [settlement.event]);
      const { proposal } = settlement;
      return decided<ProposalSettled>({
        proposalId,
        status: outcomeOf(settlement.event),
        context: proposal.context,
        action: proposal.action,
        ...proposal.subjects,
        ...answer,
        released: proposal.reserved.toJSON(),
      });
    });
  }

  private commit<Command, D extends Decision, Body extends object>(
    tx: CommandTx,
    action: FourEyesAction<Command, D, Body, ProposalSubjects>,
    decision: D,
  ): Body {
    tx.stamp(decision.corrects ? { on: decision.on, causationId: decision.corrects } : { on: decision.on });
    return action.commit(tx, decision);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private actionOf(proposal: Proposal): FourEyesAction<any, any, any, any> {
    const action = this.actions.get(`${proposal.context}/${proposal.action}`);
    if (!action) throw new Error(`no four-eyes action ${proposal.action} in context ${proposal.context}`);
    return action;
  }
}

const day = (at: Date): string => at.toISOString().slice(0, 10);

function outcomeOf(event: ProposalEvent): 'confirmed' | 'declined' {
  if (event.type === 'ledger.ProposalConfirmed') return 'confirmed';
  if (event.type === 'ledger.ProposalDeclined') return 'declined';
  throw new Error(`${event.type} does not settle a proposal by a person`);
}
