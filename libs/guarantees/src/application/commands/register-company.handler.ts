import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import {
  affiliateCompany,
  companyModel,
  decideCompany,
  federationModel,
  requireCompany,
  streamIds,
} from '../../domain';
import { RegisterCompanyCommand } from './register-company.command';

/** Registers the company and, in the same append, affiliates it to its federation. */
@CommandHandler(RegisterCompanyCommand)
export class RegisterCompanyHandler implements ICommandHandler<RegisterCompanyCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RegisterCompanyCommand) {
    return this.pipeline.run({ context, on: command.registeredOn }, async (tx) => {
      const { companyId, federationId } = command;
      const stream = await tx.load(streamIds.company(companyId), companyModel);
      const company = requireCompany(companyId, tx.append(stream, decideCompany(companyId, command, stream.state)));
      if (federationId !== null) {
        const federation = await tx.load(streamIds.federation(federationId), federationModel);
        const on = company.registeredOn;
        tx.append(federation, affiliateCompany(federationId, companyId, company.currency, on, federation.state));
      }
      return decided({ companyId: company.companyId });
    });
  }
}
