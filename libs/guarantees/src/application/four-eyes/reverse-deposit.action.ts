import type { Decision, FourEyesAction } from '@ledger/four-eyes';
import { subjectOf } from '@ledger/kernel';
import type { CommandTx } from '@ledger/event-sourcing';
import {
  companyModel,
  correctionNeedsSecondPerson,
  proposalTtlOf,
  releaseOnCompany,
  requireCompany,
  reserveDepositReversal,
  reverseDeposit,
  reverseDepositCommand,
  streamIds,
  type DepositReversalDecision,
  type DepositReversalSubjects,
  type RegisteredCompany,
  type ReverseCompanyDeposit,
} from '../../domain';
import type { DepositReversalReceipt } from '../commands/reverse-deposit.command';

const loadCompany = (tx: CommandTx, companyId: string) => tx.load(streamIds.company(companyId), companyModel);
type CompanyHandle = Awaited<ReturnType<typeof loadCompany>>;

interface DepositReversal extends Decision {
  readonly company: CompanyHandle;
  /** The right company, when the deposit moves there in the same append. */
  readonly target: CompanyHandle | null;
  readonly decision: DepositReversalDecision;
  readonly registered: RegisteredCompany;
}

/**
 * A correction: reverses a guarantee fund deposit booked by mistake and, when the right company is
 * named, books it there — both companies in one append. Under `correctionsNeedSecondPerson`, a
 * second guarantee officer must confirm it: the deposit is locked and its amount held back from
 * the fund (and so from every convention's capacity) meanwhile.
 */
export const reverseDepositAction: FourEyesAction<
  ReverseCompanyDeposit,
  DepositReversal,
  DepositReversalReceipt,
  DepositReversalSubjects
> = {
  context: 'guarantees',
  action: 'reverse-deposit',
  command: reverseDepositCommand,

  async decide(tx, command) {
    const company = await loadCompany(tx, command.companyId);
    const target = command.moveTo ? await loadCompany(tx, command.moveTo.companyId) : null;
    const decision = reverseDeposit(command.companyId, command, company.state, target?.state ?? null);
    const [reversed] = decision.company;
    const on = reversed.type === 'guarantees.GuaranteeFundDepositReversed' ? reversed.depositedOn : command.correctedOn;
    const registered = requireCompany(command.companyId, company.state);
    return { on, corrects: command.corrects.eventId, company, target, decision, registered };
  },

  secondPerson: ({ registered }) =>
    correctionNeedsSecondPerson(registered) ? { threshold: null, ttlHours: proposalTtlOf(registered) } : null,

  commit(tx, { company, target, decision }) {
    if (target) tx.append(target, decision.target);
    const after = tx.append(company, decision.company);
    const [reversed] = decision.company;
    if (reversed.type !== 'guarantees.GuaranteeFundDepositReversed') throw new Error('a reversal decides it first');
    return {
      companyId: reversed.companyId,
      depositId: reversed.depositId,
      reversed: reversed.amount.toJSON(),
      correctsEventId: reversed.correctsEventId,
      correctsPosition: reversed.correctsPosition,
      fundBalance: requireCompany(reversed.companyId, after).fundBalance.toJSON(),
      movedTo:
        reversed.movedToCompanyId && reversed.movedToDepositId
          ? { companyId: reversed.movedToCompanyId, depositId: reversed.movedToDepositId }
          : null,
    };
  },

  reserve(tx, { company, decision, registered }, proposalId) {
    const reservation = reserveDepositReversal(decision, proposalId, registered);
    tx.append(company, reservation.company);
    return reservation;
  },

  async release(tx, proposal, outcome) {
    tx.append(await loadCompany(tx, subjectOf(proposal, 'companyId')), releaseOnCompany(proposal, outcome));
  },

  confirmed: ({ depositId, movedTo }) => ({ committed: { depositId, movedTo } }),
};
