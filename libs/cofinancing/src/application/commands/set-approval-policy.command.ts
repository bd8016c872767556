import type { SetFundApprovalPolicy } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class SetApprovalPolicyCommand extends CofinancingCommand<SetFundApprovalPolicy, { fundId: string }> {}
