import type { SetCompanyApprovalPolicy } from '../../domain';
import { GuaranteesCommand } from './guarantees.command';

/** Sets (or replaces) a company's four-eyes policy. */
export class SetCompanyApprovalPolicyCommand extends GuaranteesCommand<
  SetCompanyApprovalPolicy & { readonly companyId: string },
  { companyId: string }
> {}
