import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, LedgerRuntime, ProposalExpiryScheduler } from '@ledger/platform';
import { ExpireProposalCommand } from '../commands';

/** Expires the co-financing proposals past their deadline (`cofinancing_proposals`): see ProposalExpiryScheduler. */
@Injectable()
export class ExpiryScheduler extends ProposalExpiryScheduler {
  constructor(runtime: LedgerRuntime, commands: CommandBus, clock: Clock) {
    super(
      runtime,
      clock,
      'cofinancing_proposals',
      async (proposalId, context) =>
        (await commands.execute(new ExpireProposalCommand({ proposalId }, context))).expired,
      'FourEyesExpiry',
    );
  }
}
