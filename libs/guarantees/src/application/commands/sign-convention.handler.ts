import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import {
  companyModel,
  conventionModel,
  conventionSignedForCompany,
  requireCompany,
  requireConvention,
  signConvention,
  streamIds,
} from '../../domain';
import { conventionReceipt } from './convention-receipt.builder';
import { SignConventionCommand } from './sign-convention.command';

/**
 * Signs a convention between a company and a bank. The convention stream is written, and the
 * company's: the conventions that share its guarantee fund are listed there (the company-wide
 * limit and a withdrawal read them all), and the capacity the terms give (refused when beyond what
 * the ledger holds) is computed from its fund.
 */
@CommandHandler(SignConventionCommand)
export class SignConventionHandler implements ICommandHandler<SignConventionCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: SignConventionCommand) {
    return this.pipeline.run({ context, on: command.signedOn }, async (tx) => {
      const companyStream = await tx.load(streamIds.company(command.companyId), companyModel);
      const company = requireCompany(command.companyId, companyStream.state);
      const convention = await tx.load(streamIds.convention(command.conventionId), conventionModel);
      const events = signConvention(command, convention.state, company);
      tx.append(companyStream, conventionSignedForCompany(events));
      const signed = tx.append(convention, events);
      return decided(conventionReceipt(requireConvention(command.conventionId, signed), company));
    });
  }
}
