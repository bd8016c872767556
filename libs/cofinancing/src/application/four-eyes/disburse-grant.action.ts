import type { Decision, FourEyesAction } from '@ledger/four-eyes';
import {
  disburseGrant,
  disburseGrantCommand,
  reserveDisbursement,
  secondPersonThreshold,
  type DisburseGrant,
  type DisbursementSubjects,
  type FundApprovalPolicy,
  type GrantDisbursed,
} from '../../domain';
import type { DisbursementAnswer } from '../commands/disburse-grant.command';
import { loadGrantAndPolicy, releaseOnGrant, type GrantHandle } from './grant-stream';
import { secondPersonUnder } from './second-person';

interface Disbursement extends Decision {
  readonly grant: GrantHandle;
  readonly paid: GrantDisbursed;
  readonly policy: FundApprovalPolicy | null;
}

/**
 * Paying an invoice from the grant's own commitment: only the grant stream changes. Above the
 * fund's `disburseAbove`, a second fund manager must confirm it: the payment is reserved on the
 * grant meanwhile, with the invoice reference and disbursement id it would record.
 */
export const disburseGrantAction: FourEyesAction<
  DisburseGrant,
  Disbursement,
  DisbursementAnswer,
  DisbursementSubjects
> = {
  context: 'cofinancing',
  action: 'disburse-grant',
  command: disburseGrantCommand,

  async decide(tx, command) {
    const { grant, policy } = await loadGrantAndPolicy(tx, command.grantId);
    const [paid] = disburseGrant(command, grant.state) as [GrantDisbursed];
    return { on: command.disbursedOn, grant, paid, policy };
  },

  secondPerson: ({ policy, paid }) =>
    secondPersonUnder(policy, secondPersonThreshold(policy, paid.paid, 'disburse-grant')),

  commit(tx, { grant, paid }) {
    tx.append(grant, [paid]);
    return disbursementAnswer(paid);
  },

  reserve(tx, { grant, paid }, proposalId) {
    const reservation = reserveDisbursement(paid, proposalId);
    tx.append(grant, reservation.grant);
    return reservation;
  },

  release: releaseOnGrant,

  confirmed: (answer) => ({ grantId: answer.grantId, disbursement: answer }),
};

/** The answer of a disbursement paid (directly, or on confirmation of its proposal). */
export function disbursementAnswer(paid: GrantDisbursed): DisbursementAnswer {
  return {
    grantId: paid.grantId,
    disbursementId: paid.disbursementId,
    paid: paid.paid.toJSON(),
    rule: paid.rule,
    invoicedTotal: paid.invoicedTotal.toJSON(),
    disbursedTotal: paid.disbursedTotal.toJSON(),
    commitmentLeft: paid.commitmentLeft.toJSON(),
  };
}
