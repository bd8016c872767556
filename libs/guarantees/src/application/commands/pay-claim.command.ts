import type { PayClaim } from '../../domain';
import type { GuaranteeReceipt } from './guarantee-receipt';
import { GuaranteesCommand } from './guarantees.command';

export class PayClaimCommand extends GuaranteesCommand<PayClaim, GuaranteeReceipt> {}
