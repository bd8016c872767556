import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, decided } from '@ledger/event-sourcing';
import { companyModel, decideApprovalPolicy, streamIds } from '../../domain';
import { SetCompanyApprovalPolicyCommand } from './four-eyes.commands';

/** Sets (or replaces) a company's four-eyes policy: one event on the company stream. */
@CommandHandler(SetCompanyApprovalPolicyCommand)
export class SetCompanyApprovalPolicyHandler implements ICommandHandler<SetCompanyApprovalPolicyCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ command: { companyId, ...policy }, context }: SetCompanyApprovalPolicyCommand) {
    return this.pipeline.run({ context, on: policy.setOn }, async (tx) => {
      const company = await tx.load(streamIds.company(companyId), companyModel);
      tx.append(company, decideApprovalPolicy(companyId, policy, company.state));
      return decided({ companyId });
    });
  }
}
