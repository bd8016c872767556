import { Money } from '@ledger/money';
import { assertNever } from '../decider';
import type { JsonObject, JsonValue } from '../json';
import { defineEvent, EventCatalog, type EventDefinition, type EventOf } from '../schema/event-definition';
import { field, PayloadError, type Decoded, type Field, type Shape } from '../schema/fields';
import type { StreamModel } from '../stream-model';
import {
  DeclineReasonMissing,
  PROPOSAL_OUTCOMES,
  dueProposal,
  proposalDeadline,
  requirePendingProposal,
  type ProposalOutcome,
  type ProposalState as StateOf,
  type SettleProposal,
} from './rules';

/**
 * The one kind of four-eyes proposal, for every context and action: a command that a policy made
 * wait for a second person. Its stream (`ledger-proposal-<id>`) holds the whole command as JSON,
 * what it reserves, who proposed it and until when, then how it ended. What the command is, what
 * it reserves on which streams and how confirming decides it again belong to the context's action
 * definition; this file knows none of them.
 *
 * Proposals recorded before this kind existed (`cofinancing-proposal-<id>`,
 * `guarantees-proposal-<id>`, with their own event types) are read through `legacyProposalEvent`:
 * each old type decodes into the event of this kind it stands for, so old and new proposals fold
 * into the same state and a settlement of an old one is appended, as a new event, to its own stream.
 */

export const PROPOSAL_STREAM_PREFIX = 'ledger-proposal-';
export const proposalStreamId = (proposalId: string): string => `${PROPOSAL_STREAM_PREFIX}${proposalId}`;

/** The ids (and small numbers, e.g. a participation year) of what a proposal acts and reserves on. */
export type ProposalSubjects = Readonly<Record<string, string | number>>;

const isObject = (json: unknown): json is Record<string, unknown> =>
  json !== null && typeof json === 'object' && !Array.isArray(json);

const subjectsField: Field<ProposalSubjects> = {
  encode: (value) => ({ ...value }),
  decode: (json, path) => {
    if (!isObject(json)) throw new PayloadError(path, 'expected an object of ids');
    for (const [key, value] of Object.entries(json))
      if (typeof value !== 'string' && !Number.isSafeInteger(value))
        throw new PayloadError(`${path}.${key}`, 'expected a string or an integer');
    return json as ProposalSubjects;
  },
};

const amountsField: Field<Readonly<Record<string, Money>>> = {
  encode: (value) =>
    Object.fromEntries(Object.entries(value).map(([key, amount]) => [key, field.money().encode(amount)])),
  decode: (json, path) => {
    if (!isObject(json)) throw new PayloadError(path, 'expected an object of amounts');
    return Object.fromEntries(
      Object.entries(json).map(([key, amount]) => [key, field.money().decode(amount, `${path}.${key}`)]),
    );
  },
};

const commandField: Field<JsonObject> = {
  encode: (value) => value,
  decode: (json, path) => {
    if (!isObject(json)) throw new PayloadError(path, 'expected the command as an object');
    return json as JsonObject;
  },
};

/**
 * What every release of a reservation on a subject stream says (fund, cap, headroom, a locked
 * entry…): which proposal held it, and how the proposal ended.
 */
export const releasedFields = {
  proposalId: field.string(),
  outcome: field.literal(...PROPOSAL_OUTCOMES),
};

export const ProposalRecorded = defineEvent('ledger.ProposalRecorded', {
  proposalId: field.string(),
  /** The bounded context whose action it is ('cofinancing', 'guarantees'). */
  context: field.string(),
  action: field.string(),
  subjects: subjectsField,
  /** The whole command, decided again at confirmation (amounts as strings of minor units). */
  command: commandField,
  /** The headline of what it holds back while pending, and its parts by name (may be empty). */
  reserved: field.money(),
  reservations: amountsField,
  /** The policy threshold the command exceeded; null when the policy wants a second person for every one. */
  threshold: field.optional(field.money()),
  proposedBy: field.string(),
  proposedByRole: field.string(),
  /** Record times, ISO 8601 (from the service's clock). */
  proposedAt: field.string(),
  expiresAt: field.string(),
});

export const ProposalConfirmed = defineEvent('ledger.ProposalConfirmed', {
  proposalId: field.string(),
  confirmedBy: field.string(),
  confirmedAt: field.string(),
});

export const ProposalDeclined = defineEvent('ledger.ProposalDeclined', {
  proposalId: field.string(),
  declinedBy: field.string(),
  declinedAt: field.string(),
  reason: field.string(),
});

export const ProposalExpired = defineEvent('ledger.ProposalExpired', {
  proposalId: field.string(),
  expiredAt: field.string(),
});

export type ProposalRecorded = EventOf<typeof ProposalRecorded>;
export type ProposalConfirmed = EventOf<typeof ProposalConfirmed>;
export type ProposalDeclined = EventOf<typeof ProposalDeclined>;
export type ProposalExpired = EventOf<typeof ProposalExpired>;
export type ProposalEvent = ProposalRecorded | ProposalConfirmed | ProposalDeclined | ProposalExpired;
/** A proposal as recorded (whatever its context and action). */
export type Proposal = ProposalRecorded;
export type ProposalState = StateOf<Proposal>;

export const proposalEvents = [ProposalRecorded, ProposalConfirmed, ProposalDeclined, ProposalExpired] as const;

export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  switch (event.type) {
    case 'ledger.ProposalRecorded':
      return { status: 'pending', proposal: event };
    case 'ledger.ProposalConfirmed':
      return state.status === 'pending' ? { ...state, status: 'confirmed' } : state;
    case 'ledger.ProposalDeclined':
      return state.status === 'pending' ? { ...state, status: 'declined' } : state;
    case 'ledger.ProposalExpired':
      return state.status === 'pending' ? { ...state, status: 'expired' } : state;
    default:
      return assertNever(event);
  }
}

/**
 * An event type of an older proposal stream, read as the event of the one kind it stands for.
 * Read only: nothing writes old types any more.
 */
export function legacyProposalEvent<const Type extends string, S extends Shape>(
  type: Type,
  shape: S,
  upcast: (old: Decoded<S>, raw: JsonObject) => ProposalEvent,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): EventDefinition<string, any> {
  const old = defineEvent(type, shape);
  const readOnly = (): never => {
    throw new Error(`${type} is a legacy proposal event: it is read, never written`);
  };
  return {
    type,
    schemaVersion: old.schemaVersion,
    shape,
    create: readOnly,
    encode: readOnly,
    decode: (data, schemaVersion) => upcast(old.decode(data, schemaVersion), data as JsonObject) as never,
  };
}

/**
 * The three settlement types an older proposal stream had (`<prefix>.ProposalConfirmed`,
 * `…Declined`, `…Expired`, with the fields of the one kind's, and maybe more), read as the one kind's.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function legacySettlementEvents(prefix: string): EventDefinition<string, any>[] {
  return [
    legacyProposalEvent(`${prefix}.ProposalConfirmed`, ProposalConfirmed.shape, (old) => ProposalConfirmed.create(old)),
    legacyProposalEvent(`${prefix}.ProposalDeclined`, ProposalDeclined.shape, (old) => ProposalDeclined.create(old)),
    legacyProposalEvent(`${prefix}.ProposalExpired`, ProposalExpired.shape, (old) => ProposalExpired.create(old)),
  ];
}

/** The older proposal streams of a context: where they are and how their events read. */
export interface LegacyProposals {
  readonly streamId: (proposalId: string) => string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly events: readonly EventDefinition<string, any>[];
}

/**
 * The proposal stream model: the events of the one kind, and the older types of every context
 * given, each read as the event it stands for.
 */
export function proposalModel(legacy: readonly LegacyProposals[] = []): StreamModel<ProposalState, ProposalEvent> {
  return {
    catalog: new EventCatalog<ProposalEvent>([...proposalEvents, ...legacy.flatMap((old) => old.events)]),
    initialState: () => ({ status: 'none' }),
    evolve: evolveProposal,
  };
}

// ---- decisions --------------------------------------------------------------------------------------

export interface RecordProposal {
  readonly proposalId: string;
  readonly context: string;
  readonly action: string;
  readonly subjects: ProposalSubjects;
  readonly command: JsonObject;
  readonly reserved: Money;
  readonly reservations?: Readonly<Record<string, Money>>;
  readonly threshold: Money | null;
  readonly proposedBy: string;
  readonly proposedByRole: string;
  /** Record time now, from the service's clock. */
  readonly proposedAt: Date;
  readonly ttlHours: number;
}

export function recordProposal(input: RecordProposal): ProposalRecorded {
  return ProposalRecorded.create({
    proposalId: input.proposalId,
    context: input.context,
    action: input.action,
    subjects: input.subjects,
    command: input.command,
    reserved: input.reserved,
    reservations: input.reservations ?? {},
    threshold: input.threshold,
    proposedBy: input.proposedBy,
    proposedByRole: input.proposedByRole,
    proposedAt: input.proposedAt.toISOString(),
    expiresAt: proposalDeadline(input.proposedAt, input.ttlHours).toISOString(),
  });
}

/** A second, different person confirms a pending proposal before its deadline. */
export function confirmProposal(state: ProposalState, command: SettleProposal) {
  const proposal = requirePendingProposal(state, command, 'confirm');
  const confirmed = ProposalConfirmed.create({
    proposalId: command.proposalId,
    confirmedBy: command.actor,
    confirmedAt: command.at.toISOString(),
  });
  return { proposal, event: confirmed };
}

/** Anyone allowed to confirm — the proposer too: withdrawing needs no second person — declines, saying why. */
export function declineProposal(state: ProposalState, command: SettleProposal & { readonly reason: string }) {
  const reason = command.reason.trim();
  if (reason.length === 0) throw new DeclineReasonMissing();
  const proposal = requirePendingProposal(state, command, 'decline');
  const declined = ProposalDeclined.create({
    proposalId: command.proposalId,
    declinedBy: command.actor,
    declinedAt: command.at.toISOString(),
    reason,
  });
  return { proposal, event: declined };
}

/** Expiry past the deadline; null when there is nothing to expire (settled, or not yet due): idempotent. */
export function expireProposal(state: ProposalState, now: Date) {
  const proposal = dueProposal(state, now);
  if (proposal === null) return null;
  return { proposal, event: ProposalExpired.create({ proposalId: proposal.proposalId, expiredAt: now.toISOString() }) };
}

export type ProposalSettlement = { readonly proposal: Proposal; readonly event: ProposalEvent };
export type { ProposalOutcome };

/** A subject id of a recorded proposal (written by its action, so always there). */
export function subjectOf(proposal: Proposal, name: string): string {
  const value = proposal.subjects[name];
  if (typeof value !== 'string') throw new Error(`proposal ${proposal.proposalId} has no subject ${name}`);
  return value;
}

/** A numeric subject (e.g. a participation year) of a recorded proposal. */
export function subjectNumberOf(proposal: Proposal, name: string): number {
  const value = proposal.subjects[name];
  if (typeof value !== 'number') throw new Error(`proposal ${proposal.proposalId} has no numeric subject ${name}`);
  return value;
}

/** A named reservation of a recorded proposal, or the zero of its currency. */
export function reservationOf(proposal: Proposal, name: string): Money {
  return proposal.reservations[name] ?? Money.zero(proposal.reserved.currency);
}

/** A JSON value as a JSON object (the command of a legacy proposal, e.g.). */
export function jsonObjectOf(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
