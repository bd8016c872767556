import type { CallGuarantee } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteesCommand } from './guarantees.command';

export class CallGuaranteeCommand extends GuaranteesCommand<CallGuarantee, GuaranteeReceipt> {}
