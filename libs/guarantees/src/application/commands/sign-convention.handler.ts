import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { businessTime, newEntityId, positionOf } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import {
  companyModel,
  conventionModel,
  requireCompany,
  signConvention,
  streamIds,
  type SignedConvention,
} from '../../domain';
import type { ConventionReceipt } from './convention-receipt';
import { conventionReceipt } from './convention-receipt.builder';
import { SignConventionCommand } from './sign-convention.command';

/**
 * Signs a convention between a company and a bank. It reads the company only for facts that never
 * change (existence, currency), so only the convention stream is written.
 */
@CommandHandler(SignConventionCommand)
export class SignConventionHandler implements ICommandHandler<SignConventionCommand> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ input, context }: SignConventionCommand): Promise<ConventionReceipt> {
    const conventionId = newEntityId(context, 'convention');
    const repository = this.runtime.repository;
    const outcome = await repository.execute(async () => {
      const company = requireCompany(
        input.companyId,
        (await repository.load(streamIds.company(input.companyId), companyModel)).state,
      );
      const stream = await repository.load(streamIds.convention(conventionId), conventionModel);
      const events = signConvention({ ...input, conventionId }, stream.state, company);
      const results = await repository.save(
        [{ stream, model: conventionModel, events }],
        context,
        businessTime(input.signedOn),
      );
      const convention = events.reduce(conventionModel.evolve, stream.state) as SignedConvention;
      return conventionReceipt(convention, company, positionOf(results));
    });
    await this.runtime.committed(BigInt(outcome.position));
    return outcome;
  }
}
