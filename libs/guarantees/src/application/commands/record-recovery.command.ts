import type { RecordRecovery } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteesCommand } from './guarantees.command';

export class RecordRecoveryCommand extends GuaranteesCommand<RecordRecovery, GuaranteeReceipt> {}
