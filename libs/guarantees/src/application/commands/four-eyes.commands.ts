import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { SetCompanyApprovalPolicy } from '../../domain';
import type { CommandReceipt, MoneyView } from './command-support';

/**
 * What a command answers when the company's policy makes it wait for a second guarantee officer:
 * nothing is committed (202 at the HTTP layer); `reserved` is held until confirmed, declined or expired.
 */
export interface ProposalPendingAnswer extends CommandReceipt {
  readonly proposalId: string;
  readonly status: 'pending';
  readonly action: string;
  readonly companyId: string;
  readonly reserved: MoneyView;
  /** The policy threshold exceeded (issuances); null for corrections, which always need a second person. */
  readonly threshold: MoneyView | null;
  readonly expiresAt: string;
}

export class SetCompanyApprovalPolicyCommand extends Command<{ companyId: string; position: string }> {
  constructor(
    readonly companyId: string,
    readonly input: SetCompanyApprovalPolicy,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export interface ProposalSettled extends CommandReceipt {
  readonly proposalId: string;
  readonly status: 'confirmed' | 'declined';
  readonly action: string;
  readonly released: MoneyView;
  /** On confirmation: the id of what was committed (the guarantee, the deposit, the repayment reversed). */
  readonly committed: Record<string, unknown> | null;
}

export class ConfirmGuaranteeProposalCommand extends Command<ProposalSettled> {
  constructor(
    readonly proposalId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class DeclineGuaranteeProposalCommand extends Command<ProposalSettled> {
  constructor(
    readonly proposalId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ExpireGuaranteeProposalCommand extends Command<{
  proposalId: string;
  expired: boolean;
  position: string;
}> {
  constructor(
    readonly proposalId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
