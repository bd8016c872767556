import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { fundModel, streamIds, registerDonor, requireOpenFund } from '../../domain';
import { RegisterDonorCommand } from './register-donor.command';

@CommandHandler(RegisterDonorCommand)
export class RegisterDonorHandler implements ICommandHandler<RegisterDonorCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RegisterDonorCommand) {
    return this.pipeline.run({ context, on: command.registeredOn }, async (tx) => {
      const fund = await tx.load(streamIds.fund(command.fundId), fundModel);
      const after = requireOpenFund(tx.append(fund, registerDonor(command, fund.state)), command.fundId);
      return decided({ fundId: after.fundId, donorId: command.donorId });
    });
  }
}
