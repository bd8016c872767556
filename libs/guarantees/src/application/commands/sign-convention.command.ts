import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { SignConvention } from '../../domain';
import type { ConventionReceipt } from './convention-receipt';

export class SignConventionCommand extends Command<ConventionReceipt> {
  constructor(
    readonly input: Omit<SignConvention, 'conventionId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
