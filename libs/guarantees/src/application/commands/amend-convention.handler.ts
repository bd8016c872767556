import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { amendConvention } from '../../domain';
import { AmendConventionCommand } from './amend-convention.command';
import type { ConventionReceipt } from './convention-receipt';
import { ConventionStreamWriter } from './convention-stream.writer';

@CommandHandler(AmendConventionCommand)
export class AmendConventionHandler implements ICommandHandler<AmendConventionCommand> {
  constructor(private readonly conventions: ConventionStreamWriter) {}

  execute({ conventionId, input, context }: AmendConventionCommand): Promise<ConventionReceipt> {
    return this.conventions.run(
      conventionId,
      (state, company) => amendConvention(input, state, conventionId, company),
      context,
      input.amendedOn,
    );
  }
}
