import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findEntry } from '@ledger/event-sourcing';
import type { EventStore } from '@ledger/event-store';
import { FourEyes } from '@ledger/four-eyes';
import { EVENT_STORE } from '@ledger/platform';
import { DisbursementNotFound, streamIds } from '../../domain';
import { reverseDisbursementAction } from '../four-eyes/reverse-disbursement.action';
import { ReverseDisbursementCommand } from './reverse-disbursement.command';

/**
 * A correction names the recorded GrantDisbursed event it corrects (its id and position, found
 * here in the grant's stream), and is recorded with that entry's business time: as of any date,
 * the ledger then shows what was true; as known before the correction, what was known then. Under
 * `correctionsNeedSecondPerson` it is only proposed (202): see `reverseDisbursementAction`.
 */
@CommandHandler(ReverseDisbursementCommand)
export class ReverseDisbursementHandler implements ICommandHandler<ReverseDisbursementCommand> {
  constructor(
    private readonly fourEyes: FourEyes,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ command, context }: ReverseDisbursementCommand) {
    const corrects = await findEntry(this.store, streamIds.grant(command.grantId), {
      type: 'cofinancing.GrantDisbursed',
      field: 'disbursementId',
      value: command.disbursementId,
    });
    if (!corrects) throw new DisbursementNotFound(command.grantId, command.disbursementId);
    return this.fourEyes.run(reverseDisbursementAction, { ...command, corrects }, { context, on: command.correctedOn });
  }
}
