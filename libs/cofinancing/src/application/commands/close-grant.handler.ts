import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { closeGrant, GrantNotFound, type GrantClosed } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { CloseGrantCommand } from './close-grant.command';

/** Closure: the grant closes and its unused commitment returns to the fund and the beneficiary's cap, atomically. */
@CommandHandler(CloseGrantCommand)
export class CloseGrantHandler implements ICommandHandler<CloseGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: CloseGrantCommand) {
    const { position, closed } = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      if (grant.state.status === 'none') throw new GrantNotFound(command.grantId);
      const decision = closeGrant(command, grant.state);
      const { fundId, beneficiaryId } = grant.state.request;
      const [fund, beneficiary] = await Promise.all([
        this.streams.loadFund(fundId),
        this.streams.loadBeneficiary(beneficiaryId),
      ]);
      const position = await this.streams.save(
        [
          this.streams.grantChange(grant, decision.grant),
          this.streams.fundChange(fund, decision.fund),
          this.streams.beneficiaryChange(beneficiary, decision.beneficiary),
        ],
        context,
        command.closedOn,
      );
      return { position, closed: decision.grant[0] as GrantClosed };
    });
    return {
      grantId: command.grantId,
      committed: closed.committed.toJSON(),
      disbursed: closed.disbursed.toJSON(),
      released: closed.released.toJSON(),
      position: position.toString(),
    };
  }
}
