import type { RejectGrant } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class RejectGrantCommand extends CofinancingCommand<RejectGrant, { grantId: string }> {}
