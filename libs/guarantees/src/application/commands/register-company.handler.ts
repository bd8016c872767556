import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, newEntityId, positionOf, withEvents, type Change } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { affiliateCompany, companyModel, decideCompany, federationModel, streamIds } from '../../domain';
import { RegisterCompanyCommand, type CompanyRegistration } from './register-company.command';

/** Registers the company and, in the same append, affiliates it to its federation. */
@CommandHandler(RegisterCompanyCommand)
export class RegisterCompanyHandler implements ICommandHandler<RegisterCompanyCommand> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ input, context }: RegisterCompanyCommand): Promise<CompanyRegistration> {
    const companyId = newEntityId(context, 'company');
    const repository = this.runtime.repository;
    const position = await repository.execute(async () => {
      const company = await repository.load(streamIds.company(companyId), companyModel);
      const events = decideCompany(companyId, { type: 'RegisterCompany', companyId, ...input }, company.state);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const changes: Change<any, any>[] = [{ stream: company, model: companyModel, events }];
      if (input.federationId !== null) {
        const federation = await repository.load(streamIds.federation(input.federationId), federationModel);
        changes.push({
          stream: federation,
          model: federationModel,
          events: affiliateCompany(input.federationId, companyId, input.currency, input.registeredOn, federation.state),
        });
      }
      return positionOf(await repository.save(withEvents(changes), context, businessTime(input.registeredOn)));
    });
    await this.runtime.committed(position);
    return { companyId, position: position.toString() };
  }
}
