import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cancelGrant, GrantNotFound, type GrantCancelled } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { CancelGrantCommand } from './cancel-grant.command';

@CommandHandler(CancelGrantCommand)
export class CancelGrantHandler implements ICommandHandler<CancelGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: CancelGrantCommand) {
    const { position, cancelled } = await this.streams.run(async () => {
      const grant = await this.streams.loadGrant(command.grantId);
      if (grant.state.status === 'none') throw new GrantNotFound(command.grantId);
      const decision = cancelGrant(command, grant.state);
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
        command.cancelledOn,
      );
      return { position, cancelled: decision.grant[0] as GrantCancelled };
    });
    return { grantId: command.grantId, released: cancelled.released.toJSON(), position: position.toString() };
  }
}
