import type { MoneyJson } from '@ledger/money';
import type { ApproveGrant } from '../../domain';
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

/** Four-eyes: the approval needs a second person; nothing is committed yet, the subsidy is reserved. */
export interface ProposalPendingAnswer {
  readonly proposalId: string;
  readonly status: 'pending';
  readonly grantId: string;
  readonly expiresAt: string;
  readonly reserved: MoneyJson;
  readonly threshold: MoneyJson;
}

export class ApproveGrantCommand extends CofinancingCommand<
  ApproveGrant,
  GrantApprovalAnswer | ProposalPendingAnswer
> {}
