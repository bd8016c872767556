import { Injectable } from '@nestjs/common';
import { businessTime, positionOf, type CommandContext } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { companyModel, decideCompany, streamIds, type CompanyCommand, type RegisteredCompany } from '../../domain';

/** Load → decide → append for the commands that touch the company stream alone; retried on conflicts. */
@Injectable()
export class CompanyStreamWriter {
  constructor(private readonly runtime: LedgerRuntime) {}

  async run(
    companyId: string,
    command: Exclude<CompanyCommand, { type: 'RegisterCompany' }>,
    context: CommandContext,
    on: string,
  ): Promise<{ company: RegisteredCompany; position: string }> {
    const repository = this.runtime.repository;
    const outcome = await repository.execute(async () => {
      const stream = await repository.load(streamIds.company(companyId), companyModel);
      const events = decideCompany(companyId, command, stream.state);
      const results = await repository.save([{ stream, model: companyModel, events }], context, businessTime(on));
      return {
        company: events.reduce(companyModel.evolve, stream.state) as RegisteredCompany,
        position: positionOf(results),
      };
    });
    await this.runtime.committed(outcome.position);
    return { company: outcome.company, position: outcome.position.toString() };
  }
}
