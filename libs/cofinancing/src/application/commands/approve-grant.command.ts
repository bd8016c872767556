import type { MoneyJson } from '@ledger/money';
import type { ApproveGrant, ProposalAction } from '../../domain';
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

/**
 * Four-eyes: the command needs a second person; nothing is committed yet, what it would use is
 * reserved (the subsidy of an approval; the commitment a disbursement or correction would pay).
 */
export interface ProposalPendingAnswer {
  readonly proposalId: string;
  readonly status: 'pending';
  readonly action: ProposalAction;
  readonly grantId: string;
  /** For a disbursement or correction: the entry it would record, or reverse. */
  readonly disbursementId?: string;
  readonly expiresAt: string;
  readonly reserved: MoneyJson;
  /** The policy threshold exceeded; null for a correction (every one needs a second person). */
  readonly threshold: MoneyJson | null;
}

export class ApproveGrantCommand extends CofinancingCommand<
  ApproveGrant,
  GrantApprovalAnswer | ProposalPendingAnswer
> {}
