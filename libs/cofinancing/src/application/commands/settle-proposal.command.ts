import type { MoneyJson } from '@ledger/money';
import { CofinancingCommand } from './cofinancing.command';

export interface SettleProposalInput {
  readonly proposalId: string;
  /** Only for a decline. */
  readonly reason?: string;
}

export interface ProposalSettledAnswer {
  readonly proposalId: string;
  readonly status: 'confirmed' | 'declined';
  readonly grantId: string;
  /** For a confirmation: what the approval committed, decided again on current state. */
  readonly subsidy?: MoneyJson;
  readonly released: MoneyJson;
}

/** Confirms a pending four-eyes proposal (a second, different person). */
export class ConfirmProposalCommand extends CofinancingCommand<SettleProposalInput, ProposalSettledAnswer> {}
