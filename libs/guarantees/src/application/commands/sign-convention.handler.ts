import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { conventionModel, requireConvention, signConvention, streamIds } from '../../domain';
import { guardedCompany } from './command-streams';
import { conventionReceipt } from './convention-receipt.builder';
import { SignConventionCommand } from './sign-convention.command';

/**
 * Signs a convention between a company and a bank. Only the convention stream is written; the
 * company is guarded, since the capacity its terms give (refused when beyond what the ledger
 * holds) is computed from the company's guarantee fund.
 */
@CommandHandler(SignConventionCommand)
export class SignConventionHandler implements ICommandHandler<SignConventionCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: SignConventionCommand) {
    return this.pipeline.run({ context, on: command.signedOn }, async (tx) => {
      const company = await guardedCompany(tx, command.companyId);
      const convention = await tx.load(streamIds.convention(command.conventionId), conventionModel);
      const signed = tx.append(convention, signConvention(command, convention.state, company));
      return decided(conventionReceipt(requireConvention(command.conventionId, signed), company));
    });
  }
}
