import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { terminateConvention } from '../../domain';
import type { ConventionReceipt } from './convention-receipt';
import { ConventionStreamWriter } from './convention-stream.writer';
import { TerminateConventionCommand } from './terminate-convention.command';

@CommandHandler(TerminateConventionCommand)
export class TerminateConventionHandler implements ICommandHandler<TerminateConventionCommand> {
  constructor(private readonly conventions: ConventionStreamWriter) {}

  execute({ conventionId, input, context }: TerminateConventionCommand): Promise<ConventionReceipt> {
    return this.conventions.run(
      conventionId,
      (state) => terminateConvention(input, state, conventionId),
      context,
      input.terminatedOn,
    );
  }
}
