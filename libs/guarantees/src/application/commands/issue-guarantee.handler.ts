import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newEntityId } from '@ledger/event-sourcing';
import { FourEyes } from '@ledger/four-eyes';
import { issueGuaranteeAction } from '../four-eyes/issue-guarantee.action';
import { IssueGuaranteeCommand } from './issue-guarantee.command';

/**
 * Issues a guarantee in one append to four streams — the guarantee, the convention (its
 * outstanding), the company (fund balance and member standing the decision read) and the bank loan
 * (one guarantee per loan) — so a concurrent issuance, claim payment, withdrawal or call decides it
 * again on fresh state. Above the company's threshold it is only proposed (202), its exposure
 * reserved: see `issueGuaranteeAction`.
 */
@CommandHandler(IssueGuaranteeCommand)
export class IssueGuaranteeHandler implements ICommandHandler<IssueGuaranteeCommand> {
  constructor(private readonly fourEyes: FourEyes) {}

  execute({ command, context }: IssueGuaranteeCommand) {
    const guaranteeId = newEntityId(context, 'guarantee');
    return this.fourEyes.run(issueGuaranteeAction, { ...command, guaranteeId }, { context, on: command.issuedOn });
  }
}
