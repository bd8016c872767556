import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requestGrant } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { RequestGrantCommand } from './request-grant.command';

/**
 * Records a request. It reads the fund (window, currency) and the beneficiary (enrolment date)
 * but changes neither: windows and enrolments are never removed, so nothing it read can turn false.
 */
@CommandHandler(RequestGrantCommand)
export class RequestGrantHandler implements ICommandHandler<RequestGrantCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: RequestGrantCommand) {
    const { position, participationYear } = await this.streams.run(async () => {
      const [grant, fund, beneficiary] = await Promise.all([
        this.streams.loadGrant(command.grantId),
        this.streams.loadFund(command.fundId),
        this.streams.loadBeneficiary(command.beneficiaryId),
      ]);
      const events = requestGrant(command, { grant: grant.state, fund: fund.state, beneficiary: beneficiary.state });
      const position = await this.streams.save([this.streams.grantChange(grant, events)], context, command.requestedOn);
      return {
        position,
        participationYear: events[0].type === 'cofinancing.GrantRequested' ? events[0].participationYear : 0,
      };
    });
    return { grantId: command.grantId, participationYear, position: position.toString() };
  }
}
