import type { Decision, FourEyesAction } from '@ledger/four-eyes';
import {
  correctionNeedsSecondPerson,
  reserveCorrection,
  reverseDisbursement,
  reverseDisbursementCommand,
  type DisbursementReversed,
  type DisbursementSubjects,
  type FundApprovalPolicy,
  type GrantDisbursed,
  type GrantStreamEvent,
  type ReverseDisbursement,
} from '../../domain';
import type { DisbursementReversalAnswer } from '../commands/reverse-disbursement.command';
import { loadGrantAndPolicy, releaseOnGrant, type GrantHandle } from './grant-stream';
import { secondPersonUnder } from './second-person';

interface Correction extends Decision {
  readonly grant: GrantHandle;
  readonly events: readonly GrantStreamEvent[];
  readonly reversed: DisbursementReversed;
  readonly replacement: GrantDisbursed | null;
  readonly policy: FundApprovalPolicy | null;
}

/**
 * A correction: reverses a disbursement (and records the right one in its place, when given) on
 * the grant stream, with the corrected entry's business time and its event id as causation. Under
 * `correctionsNeedSecondPerson`, a second fund manager must confirm every one: the entry is locked
 * and the extra commitment a replacement would use reserved on the grant meanwhile.
 */
export const reverseDisbursementAction: FourEyesAction<
  ReverseDisbursement,
  Correction,
  DisbursementReversalAnswer,
  DisbursementSubjects
> = {
  context: 'cofinancing',
  action: 'reverse-disbursement',
  command: reverseDisbursementCommand,

  async decide(tx, command) {
    const { grant, policy } = await loadGrantAndPolicy(tx, command.grantId);
    const events = reverseDisbursement(command, grant.state);
    const reversed = events[0] as DisbursementReversed;
    const replacement = (events[1] as GrantDisbursed | undefined) ?? null;
    return {
      on: reversed.disbursedOn,
      corrects: command.corrects.eventId,
      grant,
      events,
      reversed,
      replacement,
      policy,
    };
  },

  secondPerson: ({ policy }) => secondPersonUnder(policy, null, correctionNeedsSecondPerson(policy)),

  commit(tx, { grant, events, reversed, replacement }) {
    tx.append(grant, events);
    return reversalAnswer(reversed, replacement);
  },

  reserve(tx, { grant, reversed, replacement }, proposalId) {
    const reservation = reserveCorrection(reversed, replacement, proposalId);
    tx.append(grant, reservation.grant);
    return reservation;
  },

  release: releaseOnGrant,

  confirmed: (answer) => ({ grantId: answer.grantId, correction: answer }),
};

/** The answer of a correction recorded (directly, or on confirmation of its proposal). */
export function reversalAnswer(
  reversed: DisbursementReversed,
  replacement: GrantDisbursed | null,
): DisbursementReversalAnswer {
  const last = replacement ?? reversed;
  return {
    grantId: reversed.grantId,
    disbursementId: reversed.disbursementId,
    reversed: reversed.paid.toJSON(),
    correctsEventId: reversed.correctsEventId,
    correctsPosition: reversed.correctsPosition,
    replacement: replacement
      ? { disbursementId: replacement.disbursementId, paid: replacement.paid.toJSON(), rule: replacement.rule }
      : null,
    invoicedTotal: last.invoicedTotal.toJSON(),
    disbursedTotal: last.disbursedTotal.toJSON(),
    commitmentLeft: last.commitmentLeft.toJSON(),
  };
}
