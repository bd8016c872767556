import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { grantModel, streamIds, fundModel, beneficiaryModel, requestGrant } from '../../domain';
import { grantIn } from './grant-streams';
import { RequestGrantCommand } from './request-grant.command';

/**
 * Records a request. It reads the fund (window, currency) and the beneficiary (enrolment date)
 * but changes neither: windows and enrolments are never removed, so nothing it read can turn false
 * (no guard on them).
 */
@CommandHandler(RequestGrantCommand)
export class RequestGrantHandler implements ICommandHandler<RequestGrantCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command, context }: RequestGrantCommand) {
    return this.pipeline.run({ context, on: command.requestedOn }, async (tx) => {
      const [grant, fund, beneficiary] = await Promise.all([
        tx.load(streamIds.grant(command.grantId), grantModel),
        tx.load(streamIds.fund(command.fundId), fundModel),
        tx.load(streamIds.beneficiary(command.beneficiaryId), beneficiaryModel),
      ]);
      const events = requestGrant(command, { grant: grant.state, fund: fund.state, beneficiary: beneficiary.state });
      const { request } = grantIn(tx.append(grant, events), 'requested');
      return decided({ grantId: request.grantId, participationYear: request.participationYear });
    });
  }
}
