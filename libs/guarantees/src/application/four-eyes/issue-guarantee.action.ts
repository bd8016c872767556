import type { CommandTx } from '@ledger/event-sourcing';
import type { Decision, EventsFor, FourEyesAction } from '@ledger/four-eyes';
import { subjectOf, type Proposal, type ProposalOutcome } from '@ledger/kernel';
import {
  bankLoanModel,
  companyModel,
  conventionModel,
  guaranteeModel,
  issuanceThreshold,
  issueGuarantee,
  issueGuaranteeCommand,
  normalizeLoanReference,
  proposalTtlOf,
  releaseBankLoan,
  releaseOnCompany,
  releaseOnConvention,
  requireCompany,
  requireConvention,
  reserveIssuance,
  streamIds,
  type IssuanceDecision,
  type IssuanceSubjects,
  type IssueGuarantee,
  type RegisteredCompany,
} from '../../domain';
import { loadCompanyConventions } from '../commands/company-conventions';
import type { GuaranteeIssuance } from '../commands/issue-guarantee.command';

interface Loan {
  readonly guaranteeId: string;
  readonly conventionId: string;
  readonly companyId: string;
  readonly bankId: string;
  readonly loanReference: string;
}

/** What an issuance writes — committed, reserved or released: the loan's guarantee, convention, company and bank loan. */
async function loadLoan(tx: CommandTx, loan: Loan) {
  const [guarantee, convention, company, bankLoan] = await Promise.all([
    tx.load(streamIds.guarantee(loan.guaranteeId), guaranteeModel),
    tx.load(streamIds.convention(loan.conventionId), conventionModel),
    tx.load(streamIds.company(loan.companyId), companyModel),
    tx.load(streamIds.bankLoan(loan.bankId, loan.loanReference), bankLoanModel),
  ]);
  return { guarantee, convention, company, bankLoan };
}

type LoanStreams = Awaited<ReturnType<typeof loadLoan>>;
/** An issuance's events per stream (its guarantee's own only when committed). */
type LoanEvents = Omit<EventsFor<LoanStreams>, 'guarantee'> & Partial<Pick<EventsFor<LoanStreams>, 'guarantee'>>;

interface Issuance extends Decision {
  readonly command: IssueGuarantee;
  readonly streams: LoanStreams;
  readonly decision: IssuanceDecision;
  readonly company: RegisteredCompany;
}

function appendToLoan(tx: CommandTx, streams: LoanStreams, events: LoanEvents): void {
  tx.append(streams.guarantee, events.guarantee ?? []);
  tx.append(streams.convention, events.convention);
  tx.append(streams.company, events.company);
  tx.append(streams.bankLoan, events.bankLoan);
}

/** Everything an issuance proposal held, released at once (it ends with `outcome`). */
const releaseLoan = (proposal: Proposal, outcome: ProposalOutcome): LoanEvents => ({
  company: releaseOnCompany(proposal, outcome),
  convention: releaseOnConvention(proposal, outcome),
  bankLoan: releaseBankLoan(proposal, outcome),
});

/**
 * Issuing a guarantee: the guarantee, the convention's outstanding, the company and the bank loan
 * in one append. Above the company's `issueGuaranteeAbove`, a second guarantee officer must confirm
 * it: its exposure is reserved on the convention's headroom, the company's side written and the
 * loan locked meanwhile.
 */
export const issueGuaranteeAction: FourEyesAction<IssueGuarantee, Issuance, GuaranteeIssuance, IssuanceSubjects> = {
  context: 'guarantees',
  action: 'issue-guarantee',
  command: issueGuaranteeCommand,

  async decide(tx, asked) {
    // The bank loan stream is named by the normalised reference: ` cncas-1 ` and `CNCAS-1` are one loan.
    const command = { ...asked, loanReference: normalizeLoanReference(asked.loanReference) };
    const { companyId, bankId } = requireConvention(
      command.conventionId,
      (await tx.load(streamIds.convention(command.conventionId), conventionModel)).state,
    );
    const streams = await loadLoan(tx, { ...command, companyId, bankId });
    // The company's other conventions share its fund: their outstanding counts against the company-wide limit.
    const otherConventions = await loadCompanyConventions(tx, streams.company.state, command.conventionId);
    const decision = issueGuarantee(command, {
      guarantee: streams.guarantee.state,
      convention: streams.convention.state,
      company: streams.company.state,
      bankLoan: streams.bankLoan.state,
      otherConventions,
    });
    const company = requireCompany(companyId, streams.company.state);
    return { on: command.issuedOn, command, streams, decision, company };
  },

  secondPerson({ decision, company }) {
    const threshold = issuanceThreshold(company, decision.guaranteedAmount);
    return threshold === null ? null : { threshold, ttlHours: proposalTtlOf(company) };
  },

  commit(tx, { command, streams, decision }) {
    appendToLoan(tx, streams, decision);
    return {
      guaranteeId: command.guaranteeId,
      conventionId: command.conventionId,
      guaranteedAmount: decision.guaranteedAmount.toJSON(),
      exposure: decision.exposure.toJSON(),
      capacity: decision.before.capacity.toJSON(),
      outstanding: decision.before.outstanding.plus(decision.exposure).toJSON(),
      headroom: decision.headroomAfter.toJSON(),
    };
  },

  reserve(tx, { streams, decision, company }, proposalId) {
    const reservation = reserveIssuance(decision, proposalId, company);
    appendToLoan(tx, streams, reservation);
    return reservation;
  },

  async release(tx, proposal, outcome) {
    const [guaranteeId, conventionId, companyId, bankId, loanReference] = [
      'guaranteeId',
      'conventionId',
      'companyId',
      'bankId',
      'loanReference',
    ].map((name) => subjectOf(proposal, name));
    const streams = await loadLoan(tx, { guaranteeId, conventionId, companyId, bankId, loanReference });
    appendToLoan(tx, streams, releaseLoan(proposal, outcome));
  },

  confirmed: ({ guaranteeId, guaranteedAmount, exposure, headroom }) => ({
    committed: { guaranteeId, guaranteedAmount, exposure, headroom },
  }),
};
