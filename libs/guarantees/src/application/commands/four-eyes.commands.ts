import type { PolicyChangeAnswer, ProposalPending } from '@ledger/four-eyes';
import type { SetCompanyApprovalPolicyOf } from '../../domain';
import { GuaranteesCommand } from './guarantees.command';

/**
 * Sets (or replaces) a company's four-eyes policy: answers the policy in force after it
 * (`changed: false`: it was already); a weakening answers a pending proposal (202).
 */
export class SetCompanyApprovalPolicyCommand extends GuaranteesCommand<
  SetCompanyApprovalPolicyOf,
  PolicyChangeAnswer | ProposalPending<{ companyId: string }>
> {}
