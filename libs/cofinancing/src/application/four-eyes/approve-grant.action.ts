import type { CommandTx } from '@ledger/event-sourcing';
import type { Decision, EventsFor, FourEyesAction } from '@ledger/four-eyes';
import { subjectOf } from '@ledger/kernel';
import type { Money } from '@ledger/money';
import {
  approveGrant,
  approveGrantCommand,
  availableOf,
  beneficiaryModel,
  streamIds,
  fundModel,
  GrantNotFound,
  grantModel,
  releaseApproval,
  requireOpenFund,
  reserveApproval,
  secondPersonThreshold,
  type ApproveGrant,
  type FundApprovalPolicy,
  type GrantApproved,
  type GrantSubjects,
} from '../../domain';
import type { GrantApprovalAnswer } from '../commands/approve-grant.command';
import { secondPersonUnder } from './second-person';

/** The three streams an approval writes, whether it commits, reserves or releases: its budget. */
async function loadBudget(tx: CommandTx, ids: { grantId: string; fundId: string; beneficiaryId: string }) {
  const [grant, fund, beneficiary] = await Promise.all([
    tx.load(streamIds.grant(ids.grantId), grantModel),
    tx.load(streamIds.fund(ids.fundId), fundModel),
    tx.load(streamIds.beneficiary(ids.beneficiaryId), beneficiaryModel),
  ]);
  return { grant, fund, beneficiary };
}

type Budget = Awaited<ReturnType<typeof loadBudget>>;
type BudgetEvents = EventsFor<Budget>;

interface Approval extends Decision {
  readonly budget: Budget;
  readonly events: BudgetEvents;
  readonly approved: GrantApproved;
  readonly policy: FundApprovalPolicy | null;
  readonly availableBefore: Money;
}

/** Appends to the budget's streams; the fund as recorded after them. */
function appendToBudget(tx: CommandTx, budget: Budget, events: BudgetEvents) {
  tx.append(budget.grant, events.grant);
  tx.append(budget.beneficiary, events.beneficiary);
  return tx.append(budget.fund, events.fund);
}

/**
 * Approving a grant: the grant, the fund's commitment and the beneficiary's cap change in one
 * append. Above the fund's `approveGrantAbove`, a second fund manager must confirm it: the subsidy
 * is reserved on the fund and the cap, and the grant locked, meanwhile.
 */
export const approveGrantAction: FourEyesAction<ApproveGrant, Approval, GrantApprovalAnswer, GrantSubjects> = {
  context: 'cofinancing',
  action: 'approve-grant',
  command: approveGrantCommand,

  async decide(tx, command) {
    const requested = (await tx.load(streamIds.grant(command.grantId), grantModel)).state;
    if (requested.status === 'none') throw new GrantNotFound(command.grantId);
    const budget = await loadBudget(tx, requested.request);
    const states = { grant: budget.grant.state, fund: budget.fund.state, beneficiary: budget.beneficiary.state };
    const events = approveGrant(command, states);
    const fund = requireOpenFund(states.fund, requested.request.fundId);
    const approved = events.grant[0] as GrantApproved;
    return {
      on: command.approvedOn,
      budget,
      events,
      approved,
      policy: fund.approvalPolicy,
      availableBefore: availableOf(fund),
    };
  },

  secondPerson: ({ policy, approved }) => secondPersonUnder(policy, secondPersonThreshold(policy, approved.subsidy)),

  commit(tx, { budget, events, approved }) {
    const fund = requireOpenFund(appendToBudget(tx, budget, events), approved.fundId);
    return {
      grantId: approved.grantId,
      participationYear: approved.participationYear,
      eligibleCost: approved.eligibleCost.toJSON(),
      subsidy: approved.subsidy.toJSON(),
      ownShare: approved.ownShare.toJSON(),
      rateBp: approved.rate.value,
      scheduleVersion: approved.scheduleVersion,
      limitedBy: approved.computation.limitedBy,
      fundAvailableAfter: availableOf(fund).toJSON(),
    };
  },

  reserve(tx, { budget, approved, availableBefore }, proposalId) {
    const reservation = reserveApproval(approved, proposalId, availableBefore);
    appendToBudget(tx, budget, reservation);
    return reservation;
  },

  async release(tx, proposal, outcome) {
    const [grantId, fundId, beneficiaryId] = ['grantId', 'fundId', 'beneficiaryId'].map((id) =>
      subjectOf(proposal, id),
    );
    appendToBudget(tx, await loadBudget(tx, { grantId, fundId, beneficiaryId }), releaseApproval(proposal, outcome));
  },

  confirmed: (answer) => ({ grantId: answer.grantId, subsidy: answer.subsidy, approval: answer }),
};
