import { Command } from '@nestjs/cqrs';
import type { Answer, CommandContext } from '@ledger/event-sourcing';
import type { CompanyCommand } from '../../domain';

/**
 * A command of the context as the bus carries it: the domain command (its ids included: the
 * controller or the caller names them) and who sent it. Its handler runs it through the
 * CommandPipeline; the answer is the handler's body with the position the pipeline recorded it at.
 */
export abstract class GuaranteesCommand<Data, Body extends object> extends Command<Answer<Body>> {
  constructor(
    readonly command: Data,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A decision on one company's stream (all but the registration), with the company it is about. */
export type CompanyCommandOf<Type extends CompanyCommand['type']> = Extract<CompanyCommand, { type: Type }> & {
  readonly companyId: string;
};
