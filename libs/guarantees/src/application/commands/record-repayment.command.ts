import type { RecordRepayment } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteesCommand } from './guarantees.command';

export class RecordRepaymentCommand extends GuaranteesCommand<RecordRepayment, GuaranteeReceipt> {}
