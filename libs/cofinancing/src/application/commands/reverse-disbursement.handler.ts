import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DisbursementNotFound,
  GrantNotFound,
  grantStreamId,
  reverseDisbursement,
  type DisbursementReversed,
  type GrantDisbursed,
} from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { ReverseDisbursementCommand } from './reverse-disbursement.command';

/**
 * A correction: reverses a disbursement (and records the right one in its place, when given) in
 * one append to the grant stream. The reversal names the GrantDisbursed event it corrects (id and
 * position, in its payload; the id is also its causation id), and is recorded with that entry's
 * business time: as of any date, the ledger now shows what was true; as known before the
 * correction was recorded, it still shows what was known then.
 */
@CommandHandler(ReverseDisbursementCommand)
export class ReverseDisbursementHandler implements ICommandHandler<ReverseDisbursementCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: ReverseDisbursementCommand) {
    const outcome = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      if (grant.state.status === 'none') throw new GrantNotFound(command.grantId);
      const corrects = await this.streams.findRecorded(
        grantStreamId(command.grantId),
        (event) => event.type === 'cofinancing.GrantDisbursed' && event.data.disbursementId === command.disbursementId,
      );
      if (!corrects) throw new DisbursementNotFound(command.grantId, command.disbursementId);
      const events = reverseDisbursement({ ...command, corrects }, grant.state);
      const reversed = events[0] as DisbursementReversed;
      const position = await this.streams.save(
        [this.streams.grantChange(grant, events)],
        { ...context, causationId: corrects.eventId },
        reversed.disbursedOn,
      );
      return { position, reversed, replacement: (events[1] as GrantDisbursed | undefined) ?? null };
    });
    const { reversed, replacement } = outcome;
    const last = replacement ?? reversed;
    return {
      grantId: command.grantId,
      disbursementId: command.disbursementId,
      reversed: reversed.paid.toJSON(),
      correctsEventId: reversed.correctsEventId,
      correctsPosition: reversed.correctsPosition,
      replacement: replacement
        ? { disbursementId: replacement.disbursementId, paid: replacement.paid.toJSON(), rule: replacement.rule }
        : null,
      invoicedTotal: (replacement ? replacement.invoicedTotal : last.invoicedTotal).toJSON(),
      disbursedTotal: last.disbursedTotal.toJSON(),
      commitmentLeft: last.commitmentLeft.toJSON(),
      position: outcome.position.toString(),
    };
  }
}
