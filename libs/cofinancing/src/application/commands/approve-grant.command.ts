import type { MoneyJson } from '@ledger/money';
import type { ProposalPending } from '@ledger/four-eyes';
import type { ApproveGrant, GrantSubjects } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export interface GrantApprovalAnswer {
  readonly grantId: string;
  readonly participationYear: number;
  readonly eligibleCost: MoneyJson;
  readonly subsidy: MoneyJson;
  readonly ownShare: MoneyJson;
  readonly rateBp: number;
  readonly scheduleVersion: number;
  readonly limitedBy: 'rate' | 'cap';
  readonly fundAvailableAfter: MoneyJson;
}

/** Under the fund's four-eyes policy the answer is a pending proposal (202), its subsidy reserved. */
export class ApproveGrantCommand extends CofinancingCommand<
  ApproveGrant,
  GrantApprovalAnswer | ProposalPending<GrantSubjects>
> {}
