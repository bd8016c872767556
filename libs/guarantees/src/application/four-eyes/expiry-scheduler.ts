import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, LedgerRuntime, ProposalExpiryScheduler } from '@ledger/platform';
import { ExpireGuaranteeProposalCommand } from '../commands/four-eyes.commands';

/** Expires the guarantees proposals past their deadline (`guarantees_proposals`): see ProposalExpiryScheduler. */
@Injectable()
export class GuaranteesExpiryScheduler extends ProposalExpiryScheduler {
  constructor(runtime: LedgerRuntime, commands: CommandBus, clock: Clock) {
    super(
      runtime,
      clock,
      'guarantees_proposals',
      async (proposalId, context) =>
        (await commands.execute(new ExpireGuaranteeProposalCommand(proposalId, context))).expired,
      'GuaranteesFourEyesExpiry',
    );
  }
}
