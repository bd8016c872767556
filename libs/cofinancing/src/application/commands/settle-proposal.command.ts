import type { MoneyJson } from '@ledger/money';
import type { ProposalAction } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';
import type { DisbursementAnswer } from './disburse-grant.command';
import type { DisbursementReversalAnswer } from './reverse-disbursement.command';

export interface SettleProposalInput {
  readonly proposalId: string;
  /** Only for a decline. */
  readonly reason?: string;
}

export interface ProposalSettledAnswer {
  readonly proposalId: string;
  readonly status: 'confirmed' | 'declined';
  readonly action: ProposalAction;
  readonly grantId: string;
  /** For a confirmed approval: what it committed, decided again on current state. */
  readonly subsidy?: MoneyJson;
  /** For a confirmed disbursement: the payment, decided again on current state. */
  readonly disbursement?: DisbursementAnswer;
  /** For a confirmed correction: the reversal (and replacement), decided again on current state. */
  readonly correction?: DisbursementReversalAnswer;
  /** The reservation released. */
  readonly released: MoneyJson;
}

/** Confirms a pending four-eyes proposal (a second, different person). */
export class ConfirmProposalCommand extends CofinancingCommand<SettleProposalInput, ProposalSettledAnswer> {}
