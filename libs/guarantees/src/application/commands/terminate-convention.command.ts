import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { TerminateConvention } from '../../domain';
import type { ConventionReceipt } from './convention-receipt';

export class TerminateConventionCommand extends Command<ConventionReceipt> {
  constructor(
    readonly conventionId: string,
    readonly input: TerminateConvention,
    readonly context: CommandContext,
  ) {
    super();
  }
}
