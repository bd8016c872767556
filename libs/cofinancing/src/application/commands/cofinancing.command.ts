import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';

/** Answer of every co-financing command: the global position it reached, as a string, and its figures. */
export type CommandAnswer<T> = T & { readonly position: string };

/** A domain command with who sent it; the handler's answer type rides along for the bus. */
export abstract class CofinancingCommand<D, R> extends Command<CommandAnswer<R>> {
  constructor(
    readonly command: D,
    readonly context: CommandContext,
  ) {
    super();
  }
}
