import type { SignConvention } from '../../domain';
import type { ConventionReceipt } from './convention-receipt';
import { GuaranteesCommand } from './guarantees.command';

export class SignConventionCommand extends GuaranteesCommand<SignConvention, ConventionReceipt> {}
