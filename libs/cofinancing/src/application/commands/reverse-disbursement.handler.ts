import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
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
    const events = await this.store.readStream(streamIds.grant(command.grantId));
    const entry = events.find(
      (event) =>
        event.type === 'cofinancing.GrantDisbursed' &&
        (event.data as { disbursementId?: unknown }).disbursementId === command.disbursementId,
    );
    if (!entry) throw new DisbursementNotFound(command.grantId, command.disbursementId);
    const corrects = { eventId: entry.id, position: entry.position.toString() };
    return this.fourEyes.run(reverseDisbursementAction, { ...command, corrects }, { context, on: command.correctedOn });
  }
}
