import type { AmendConvention } from '../../domain';
import type { ConventionReceipt } from './convention-receipt';
import { GuaranteesCommand } from './guarantees.command';

export class AmendConventionCommand extends GuaranteesCommand<
  AmendConvention & { readonly conventionId: string },
  ConventionReceipt
> {}
