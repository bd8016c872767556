import type { Decision, FourEyesAction } from '@ledger/four-eyes';
import { subjectOf } from '@ledger/kernel';
import type { CommandTx } from '@ledger/event-sourcing';
import {
  companyModel,
  conventionModel,
  correctionNeedsSecondPerson,
  guaranteeModel,
  proposalTtlOf,
  releaseOnConvention,
  releaseRepayment,
  requireCompany,
  requireConvention,
  requireGuarantee,
  reserveRepaymentReversal,
  reverseRepayment,
  reverseRepaymentCommand,
  streamIds,
  type IssuedGuarantee,
  type LifecycleDecision,
  type RegisteredCompany,
  type RepaymentReversalSubjects,
  type ReverseRepayment,
  type SignedConvention,
} from '../../domain';
import { guaranteeReceipt, type GuaranteeReceipt } from '../commands/guarantee-receipt';

/** The guarantee, and its convention (where a reversal puts the outstanding back). */
async function loadGuarantee(tx: CommandTx, guaranteeId: string, conventionId?: string) {
  const guarantee = await tx.load(streamIds.guarantee(guaranteeId), guaranteeModel);
  const issued = requireGuarantee(guaranteeId, guarantee.state);
  const convention = await tx.load(streamIds.convention(conventionId ?? issued.conventionId), conventionModel);
  return { guarantee, issued, convention };
}

const loadCompany = (tx: CommandTx, companyId: string) => tx.load(streamIds.company(companyId), companyModel);

interface RepaymentReversal extends Decision {
  readonly streams: Awaited<ReturnType<typeof loadGuarantee>> & {
    readonly company: Awaited<ReturnType<typeof loadCompany>>;
  };
  readonly decision: LifecycleDecision;
  readonly issued: IssuedGuarantee;
  readonly signed: SignedConvention;
  readonly registered: RegisteredCompany;
}

/**
 * A correction: reverses a repayment recorded by mistake; the guarantee's and the convention's
 * outstanding go back up in one append, with the repayment's business time and its event id as
 * causation. Under `correctionsNeedSecondPerson`, a second guarantee officer must confirm it: the
 * repayment is locked and the outstanding it would put back reserved on the convention meanwhile.
 */
export const reverseRepaymentAction: FourEyesAction<
  ReverseRepayment,
  RepaymentReversal,
  GuaranteeReceipt,
  RepaymentReversalSubjects
> = {
  context: 'guarantees',
  action: 'reverse-repayment',
  command: reverseRepaymentCommand,

  async decide(tx, command) {
    const streams = await loadGuarantee(tx, command.guaranteeId);
    const company = await loadCompany(tx, streams.issued.companyId);
    const decision = reverseRepayment(command, streams.guarantee.state);
    return {
      on: command.corrects.repaidOn,
      corrects: command.corrects.eventId,
      streams: { ...streams, company },
      decision,
      issued: streams.issued,
      signed: requireConvention(streams.issued.conventionId, streams.convention.state),
      registered: requireCompany(streams.issued.companyId, company.state),
    };
  },

  secondPerson: ({ registered }) =>
    correctionNeedsSecondPerson(registered) ? { threshold: null, ttlHours: proposalTtlOf(registered) } : null,

  commit(tx, { streams, decision, issued, registered }) {
    tx.append(streams.convention, decision.convention);
    const company =
      decision.company.length > 0
        ? requireCompany(issued.companyId, tx.append(streams.company, decision.company))
        : registered;
    const guarantee = requireGuarantee(issued.guaranteeId, tx.append(streams.guarantee, decision.guarantee));
    return guaranteeReceipt(guarantee, company.fundBalance);
  },

  reserve(tx, { streams, decision, issued, signed, registered }, proposalId) {
    const reservation = reserveRepaymentReversal(decision, proposalId, issued, signed, registered);
    tx.append(streams.convention, reservation.convention);
    tx.append(streams.guarantee, reservation.guarantee);
    return reservation;
  },

  async release(tx, proposal, outcome) {
    const { guarantee, convention } = await loadGuarantee(
      tx,
      subjectOf(proposal, 'guaranteeId'),
      subjectOf(proposal, 'conventionId'),
    );
    tx.append(convention, releaseOnConvention(proposal, outcome));
    tx.append(guarantee, releaseRepayment(proposal, outcome));
  },

  confirmed: ({ guaranteeId }) => ({ committed: { guaranteeId } }),
};
