import { Injectable } from '@nestjs/common';
import { businessTime, positionOf, type CommandContext } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import {
  companyModel,
  conventionModel,
  requireCompany,
  requireConvention,
  streamIds,
  type ConventionEvent,
  type ConventionState,
  type RegisteredCompany,
  type SignedConvention,
} from '../../domain';
import type { ConventionReceipt } from './convention-receipt';
import { conventionReceipt } from './convention-receipt.builder';

/** Load → decide → append for amendments and termination, which write the convention stream alone. */
@Injectable()
export class ConventionStreamWriter {
  constructor(private readonly runtime: LedgerRuntime) {}

  async run(
    conventionId: string,
    decide: (state: ConventionState, company: RegisteredCompany) => ConventionEvent[],
    context: CommandContext,
    on: string,
  ): Promise<ConventionReceipt> {
    const repository = this.runtime.repository;
    const outcome = await repository.execute(async () => {
      const stream = await repository.load(streamIds.convention(conventionId), conventionModel);
      const signed = requireConvention(conventionId, stream.state);
      const company = requireCompany(
        signed.companyId,
        (await repository.load(streamIds.company(signed.companyId), companyModel)).state,
      );
      const events = decide(stream.state, company);
      const results = await repository.save([{ stream, model: conventionModel, events }], context, businessTime(on));
      const convention = events.reduce(conventionModel.evolve, stream.state) as SignedConvention;
      return conventionReceipt(convention, company, positionOf(results));
    });
    await this.runtime.committed(BigInt(outcome.position));
    return outcome;
  }
}
