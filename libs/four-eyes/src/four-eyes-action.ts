import type { CommandTx, StreamHandle } from '@ledger/event-sourcing';
import type { Field, LegacyProposals, Proposal, ProposalOutcome, ProposalSubjects } from '@ledger/kernel';
import type { Money } from '@ledger/money';

/** A second person is needed: the threshold the command exceeded (null: the policy wants one for every such command) and how long the proposal waits. */
export interface SecondPerson {
  readonly threshold: Money | null;
  readonly ttlHours: number;
}

/** What a pending proposal holds back, written on its subject streams by `reserve`. */
export interface Reservation<Subjects extends ProposalSubjects = ProposalSubjects> {
  /** The ids (and small numbers) of what it acts and reserves on: the release reads them back. */
  readonly subjects: Subjects;
  /** The headline amount, and its parts by name when there are several (e.g. principal, guaranteed, fund). */
  readonly reserved: Money;
  readonly reservations?: Readonly<Record<string, Money>>;
}

/** What every decision says about how its events are recorded. */
export interface Decision {
  /** The business date its events carry (a correction: the date of the entry it corrects). */
  readonly on: string;
  /** The event it corrects, named as the causation of its events; absent: the command's own causation. */
  readonly corrects?: string;
}

/**
 * One action under four-eyes control, declared by its context. `FourEyes` runs it: it decides the
 * command on current state; when `secondPerson` says so, it records a proposal and `reserve`s
 * instead of `commit`ting, in one append; a confirmation `release`s, decides the command again on
 * the state after the release and `commit`s, in one append; a decline or expiry `release`s.
 *
 * Every function works through the command's transaction (`tx.load`, `tx.append`): nothing is
 * written until the pipeline appends it all at once, and every append folds the events first, so
 * a release or a reservation that breaks an invariant refuses the whole command.
 */
export interface FourEyesAction<
  Command,
  D extends Decision = Decision,
  Body extends object = object,
  Subjects extends ProposalSubjects = ProposalSubjects,
> {
  readonly context: string;
  readonly action: string;
  /** The command as JSON in the proposal, and back (a legacy proposal's command reads with it too). */
  readonly command: Field<Command>;
  /** Loads what the command reads and decides it on current state (appends nothing); throws to refuse. */
  decide(tx: CommandTx, command: Command): Promise<D>;
  /** Whether the policy wants a second person for this decision, and on what terms; null: one person decides. */
  secondPerson(decision: D): SecondPerson | null;
  /** Records the decision on its streams; answers from the states the appends return. */
  commit(tx: CommandTx, decision: D): Body;
  /** Instead of committing: holds what it would use on its subject streams, and names them. */
  reserve(tx: CommandTx, decision: D, proposalId: string): Reservation<Subjects>;
  /** Gives back what a proposal held, on its subject streams (it ends with `outcome`). */
  release(tx: CommandTx, proposal: Proposal, outcome: ProposalOutcome): Promise<void>;
  /** What a confirmation answers of the command's own answer (default: all of it, as `result`). */
  confirmed?(body: Body): object;
}

/** The events a stream takes, for each stream of a set of handles (what an action appends to them). */
export type EventsFor<Streams> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [K in keyof Streams]: Streams[K] extends StreamHandle<any, infer Event> ? readonly Event[] : never;
};

/** A bounded context's four-eyes actions, and where its proposals recorded before the one kind are. */
export interface FourEyesContext {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly actions: readonly FourEyesAction<any, any, any, any>[];
  readonly legacy: LegacyProposals;
}
