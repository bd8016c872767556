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

export class ApproveGrantCommand extends CofinancingCommand<ApproveGrant, GrantApprovalAnswer> {}
