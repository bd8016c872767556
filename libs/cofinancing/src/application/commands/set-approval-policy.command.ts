import type { PolicyChangeAnswer, ProposalPending } from '@ledger/four-eyes';
import type { SetFundApprovalPolicy } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

/** The policy in force after it (`changed: false`: it was already); a weakening answers a pending proposal (202). */
export class SetApprovalPolicyCommand extends CofinancingCommand<
  SetFundApprovalPolicy,
  PolicyChangeAnswer | ProposalPending<{ fundId: string }>
> {}
