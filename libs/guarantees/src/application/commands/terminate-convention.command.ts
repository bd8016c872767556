import type { TerminateConvention } from '../../domain';
import type { ConventionReceipt } from './convention-receipt';
import { GuaranteesCommand } from './guarantees.command';

export class TerminateConventionCommand extends GuaranteesCommand<
  TerminateConvention & { readonly conventionId: string },
  ConventionReceipt
> {}
