import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { disburseGrant, type GrantDisbursed } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { DisburseGrantCommand } from './disburse-grant.command';

/** Pays an invoice from the grant's own commitment: only the grant stream changes. */
@CommandHandler(DisburseGrantCommand)
export class DisburseGrantHandler implements ICommandHandler<DisburseGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: DisburseGrantCommand) {
    const { position, paid } = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      const events = disburseGrant(command, grant.state);
      const position = await this.streams.save([this.streams.grantChange(grant, events)], context, command.disbursedOn);
      return { position, paid: events[0] as GrantDisbursed };
    });
    return {
      grantId: command.grantId,
      disbursementId: command.disbursementId,
      paid: paid.paid.toJSON(),
      rule: paid.rule,
      invoicedTotal: paid.invoicedTotal.toJSON(),
      disbursedTotal: paid.disbursedTotal.toJSON(),
      commitmentLeft: paid.commitmentLeft.toJSON(),
      position: position.toString(),
    };
  }
}
