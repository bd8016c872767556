import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registerDonor } from '../../domain';
import { CofinancingStreams } from '../cofinancing-streams';
import { RegisterDonorCommand } from './register-donor.command';

@CommandHandler(RegisterDonorCommand)
export class RegisterDonorHandler implements ICommandHandler<RegisterDonorCommand> {
  constructor(private readonly streams: CofinancingStreams) {}

  async execute({ command, context }: RegisterDonorCommand) {
    const { position } = await this.streams.run(async () => {
      const fund = await this.streams.loadFund(command.fundId);
      const events = registerDonor(command, fund.state);
      return {
        position: await this.streams.save([this.streams.fundChange(fund, events)], context, command.registeredOn),
      };
    });
    return { fundId: command.fundId, donorId: command.donorId, position: position.toString() };
  }
}
