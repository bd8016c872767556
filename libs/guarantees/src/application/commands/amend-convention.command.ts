import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { AmendConvention } from '../../domain';
import type { ConventionReceipt } from './convention-receipt';

export class AmendConventionCommand extends Command<ConventionReceipt> {
  constructor(
    readonly conventionId: string,
    readonly input: AmendConvention,
    readonly context: CommandContext,
  ) {
    super();
  }
}
