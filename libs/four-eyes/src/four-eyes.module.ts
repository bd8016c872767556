import { Module, type DynamicModule } from '@nestjs/common';
import type { FourEyesContext } from './four-eyes-action';
import { FOUR_EYES_CONTEXTS, FourEyes } from './four-eyes.service';
import { ProposalsController } from './http/proposals.controller';
import { ProposalExpiry } from './proposal-expiry';
import { ProposalsReadModel } from './read-model/proposals.read-model';

/**
 * Four-eyes for the contexts given: the `FourEyes` service their handlers run commands through,
 * the one set of `/proposals` routes, the one read model and the one expiry. Global, so that each
 * context's handlers (and its deprecated proposal routes) inject it.
 */
@Module({})
export class FourEyesModule {
  static register(contexts: readonly FourEyesContext[]): DynamicModule {
    return {
      module: FourEyesModule,
      global: true,
      controllers: [ProposalsController],
      providers: [{ provide: FOUR_EYES_CONTEXTS, useValue: contexts }, FourEyes, ProposalsReadModel, ProposalExpiry],
      exports: [FourEyes, ProposalsReadModel, ProposalExpiry],
    };
  }
}
