import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { availableOf, evolveFund, recordContribution, requireOpenFund } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { RecordContributionCommand } from './record-contribution.command';

@CommandHandler(RecordContributionCommand)
export class RecordContributionHandler implements ICommandHandler<RecordContributionCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: RecordContributionCommand) {
    const { position, after } = await this.streams.run(async () => {
      const fund = await this.streams.loadFund(command.fundId);
      const events = recordContribution(command, fund.state);
      const after = requireOpenFund(events.reduce(evolveFund, fund.state), command.fundId);
      const position = await this.streams.save([this.streams.fundChange(fund, events)], context, command.receivedOn);
      return { position, after };
    });
    return {
      fundId: command.fundId,
      contributionId: command.contributionId,
      contributed: after.contributed.toJSON(),
      available: availableOf(after).toJSON(),
      position: position.toString(),
    };
  }
}
